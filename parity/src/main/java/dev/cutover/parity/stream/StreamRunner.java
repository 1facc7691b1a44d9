package dev.cutover.parity.stream;

import dev.cutover.contract.stream.StreamJobOptions;
import java.io.IOException;

/** Where the Flink job runs: given its options, starts it and hands back the running job. */
@FunctionalInterface
public interface StreamRunner {
    RunningStream start(StreamJobOptions options) throws IOException, InterruptedException;
}

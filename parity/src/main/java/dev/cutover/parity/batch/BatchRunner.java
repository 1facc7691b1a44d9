package dev.cutover.parity.batch;

import dev.cutover.contract.batch.BatchJobArguments;
import java.util.function.Consumer;

/** Where the Spark batch runs: runs it once with these arguments, to its end. */
@FunctionalInterface
public interface BatchRunner {
    /**
     * @param lines each line the batch prints ({@code SESSION …}, {@code RUN …})
     * @throws dev.cutover.contract.CutoverException exit 2 when the batch refused its arguments,
     *     exit 3 when it failed
     */
    void run(BatchJobArguments arguments, Consumer<String> lines) throws Exception;
}

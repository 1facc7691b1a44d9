package dev.cutover.parity.stream;

import java.io.IOException;
import java.time.Duration;

/**
 * The Flink job of a parity run, wherever it runs (a local cluster in a child JVM, a standalone
 * cluster, a cluster reached through its REST API). Closing it stops the job, unless its runner was
 * told to leave it running.
 */
public interface RunningStream extends AutoCloseable {

    /** Waits until the job runs; returns its id. Throws (exit 3) when it fails to start. */
    String awaitRunning(Duration timeout) throws IOException, InterruptedException;

    /** Throws (exit 3) when the job has ended or failed for good. */
    void requireRunning() throws IOException;

    /** The job's web UI. */
    String webUi();

    @Override
    void close() throws IOException, InterruptedException;
}

package dev.cutover.parity.stream;

import dev.cutover.contract.CutoverException;
import dev.cutover.contract.stream.StreamJobOptions;
import dev.cutover.launch.flink.LocalFlinkJob;
import dev.cutover.launch.flink.StreamJarLocator;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job on a local Flink cluster in a child JVM of its own ({@link LocalFlinkJob}), options in a
 * file only this user can read.
 */
public final class LocalStreamRunner implements StreamRunner {
    private static final Logger LOG = LoggerFactory.getLogger(LocalStreamRunner.class);

    private final StreamJarLocator.StreamJar jar;
    private final String heap;
    private final Consumer<LocalStream> onStarted;

    /**
     * @param heap the child JVM's heap, e.g. {@code 2g}
     * @param onStarted called (on a reader thread) once the job runs
     */
    public LocalStreamRunner(
            StreamJarLocator.StreamJar jar, String heap, Consumer<LocalStream> onStarted) {
        this.jar = jar;
        this.heap = heap;
        this.onStarted = onStarted;
    }

    public LocalStreamRunner(StreamJarLocator.StreamJar jar, String heap) {
        this(jar, heap, s -> LOG.info("Flink job {} running: {}", s.jobId(), s.webUi()));
    }

    @Override
    public LocalStream start(StreamJobOptions options) throws IOException {
        jar.requireFlinkLib();
        LocalStream[] self = new LocalStream[1];
        LocalFlinkJob job =
                LocalFlinkJob.start(
                        jar, options.toValues(), heap, started -> onStarted.accept(self[0]));
        self[0] = new LocalStream(job);
        return self[0];
    }

    /** The job in its child JVM. */
    public static final class LocalStream implements RunningStream {
        private final LocalFlinkJob job;

        private LocalStream(LocalFlinkJob job) {
            this.job = job;
        }

        @Override
        public String awaitRunning(Duration timeout) throws IOException, InterruptedException {
            return job.awaitJobId(timeout);
        }

        @Override
        public void requireRunning() throws IOException {
            if (!job.isAlive()) {
                throw CutoverException.infrastructure(
                        "the Flink job ended: " + job.tail() + " — whole log: " + job.log(), null);
            }
        }

        @Override
        public String webUi() {
            return "http://127.0.0.1:" + job.uiPort();
        }

        /** The job id once it runs, else empty. */
        public String jobId() {
            return job.jobId().orElse("");
        }

        public Path log() {
            return job.log();
        }

        /**
         * Waits for the child JVM to end (a bounded run, or a signal) and returns its exit code.
         */
        public int waitFor() throws InterruptedException {
            return job.waitFor();
        }

        /**
         * Like {@link #waitFor()}, but throws (exit 3) when it has not ended within {@code
         * timeout}.
         */
        public int waitFor(Duration timeout) throws InterruptedException {
            return job.waitFor(timeout);
        }

        /** The last meaningful line of the child's log. */
        public String tail() throws IOException {
            return job.tail();
        }

        @Override
        public void close() throws IOException, InterruptedException {
            job.close();
        }
    }
}

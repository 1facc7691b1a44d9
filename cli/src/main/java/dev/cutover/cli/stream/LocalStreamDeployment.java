package dev.cutover.cli.stream;

import dev.cutover.contract.CutoverException;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The job on a local Flink cluster in a child JVM ({@link LocalFlinkJob}). */
public final class LocalStreamDeployment implements StreamDeployment {
    private static final Logger LOG = LoggerFactory.getLogger(LocalStreamDeployment.class);

    private final LocalFlinkJob job;

    private LocalStreamDeployment(LocalFlinkJob job) {
        this.job = job;
    }

    public static LocalStreamDeployment start(
            StreamJarLocator.StreamJar jar, Map<String, String> options, String heap)
            throws IOException {
        return new LocalStreamDeployment(
                LocalFlinkJob.start(
                        jar,
                        options,
                        heap,
                        s -> LOG.info("Flink job {} running", s.jobId().orElseThrow())));
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

    @Override
    public void close() throws IOException, InterruptedException {
        job.close();
    }
}

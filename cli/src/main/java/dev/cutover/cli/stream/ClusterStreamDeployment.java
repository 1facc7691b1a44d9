package dev.cutover.cli.stream;

import dev.cutover.contract.CutoverException;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job on a {@link LocalFlinkCluster} of its own (JobManager and TaskManager JVMs), as {@code
 * cutover demo --chaos} runs it so that a TaskManager can be killed under it. Closing it stops the
 * cluster.
 */
public final class ClusterStreamDeployment implements StreamDeployment {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterStreamDeployment.class);

    /** States after which the job does not come back by itself; RESTARTING is still running. */
    private static final Set<String> ENDED = Set.of("FAILED", "CANCELED", "FINISHED", "SUSPENDED");

    private final LocalFlinkCluster cluster;

    private ClusterStreamDeployment(LocalFlinkCluster cluster) {
        this.cluster = cluster;
    }

    /** Submits the job with {@code options} to {@code cluster}, which it then owns. */
    public static ClusterStreamDeployment submit(
            LocalFlinkCluster cluster, Map<String, String> options) throws IOException {
        try {
            cluster.submit(options);
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        return new ClusterStreamDeployment(cluster);
    }

    /** The cluster, to inject faults into. */
    public LocalFlinkCluster cluster() {
        return cluster;
    }

    @Override
    public String awaitRunning(Duration timeout) throws IOException, InterruptedException {
        cluster.awaitRunning(timeout);
        LOG.info("Flink job {} running on {}", cluster.jobId(), cluster.restUrl());
        return cluster.jobId();
    }

    @Override
    public void requireRunning() throws IOException {
        if (!cluster.isAlive()) {
            throw CutoverException.infrastructure(
                    "the Flink JobManager ended; see " + cluster.log(), null);
        }
        String state;
        try {
            state = cluster.jobState();
        } catch (IOException busy) {
            // a JobManager busy with a restart may not answer at once; it is alive
            LOG.debug("Flink REST: {}", busy.getMessage());
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CutoverException.infrastructure("interrupted", e);
        }
        if (ENDED.contains(state)) {
            throw CutoverException.infrastructure(
                    "the Flink job is " + state + ": " + cluster.tail() + " — see " + cluster.log(),
                    null);
        }
    }

    @Override
    public String webUi() {
        return cluster.restUrl() + "/#/job/running/" + cluster.jobId() + "/overview";
    }

    @Override
    public void close() {
        cluster.close();
    }
}

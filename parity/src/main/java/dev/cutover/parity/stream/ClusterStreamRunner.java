package dev.cutover.parity.stream;

import dev.cutover.contract.CutoverException;
import dev.cutover.contract.stream.StreamJobOptions;
import dev.cutover.launch.flink.StandaloneFlinkCluster;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job on a {@link StandaloneFlinkCluster} of its own (JobManager and TaskManager JVMs), as
 * {@code cutover demo --chaos} runs it so that a TaskManager can be killed under it. The running
 * job owns the cluster: closing it stops the cluster.
 */
public final class ClusterStreamRunner implements StreamRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterStreamRunner.class);

    /** States after which the job does not come back by itself; RESTARTING is still running. */
    private static final Set<String> ENDED = Set.of("FAILED", "CANCELED", "FINISHED", "SUSPENDED");

    private final Supplier<StandaloneFlinkCluster> cluster;

    /**
     * @param cluster the cluster, asked for when the job starts (it may start meanwhile)
     */
    public ClusterStreamRunner(Supplier<StandaloneFlinkCluster> cluster) {
        this.cluster = cluster;
    }

    @Override
    public ClusterStream start(StreamJobOptions options) throws IOException {
        StandaloneFlinkCluster flink = cluster.get();
        try {
            flink.submit(options.toValues());
        } catch (IOException | RuntimeException e) {
            flink.close();
            throw e;
        }
        return new ClusterStream(flink);
    }

    /** The job on its cluster. */
    public static final class ClusterStream implements RunningStream {
        private final StandaloneFlinkCluster cluster;

        private ClusterStream(StandaloneFlinkCluster cluster) {
            this.cluster = cluster;
        }

        /** The cluster, to inject faults into. */
        public StandaloneFlinkCluster cluster() {
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
                        "the Flink job is "
                                + state
                                + ": "
                                + cluster.tail()
                                + " — see "
                                + cluster.log(),
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
}

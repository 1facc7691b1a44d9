package dev.cutover.parity.stream;

import dev.cutover.contract.CutoverException;
import dev.cutover.contract.SecretKeys;
import dev.cutover.contract.stream.StreamJobOptions;
import dev.cutover.launch.flink.FlinkCommandLine;
import dev.cutover.launch.flink.FlinkRestClient;
import dev.cutover.launch.flink.StreamJarLocator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job submitted to a running Flink cluster through its REST API ({@code /jars/upload}, {@code
 * /jars/{id}/run}). Secrets are never sent: program arguments show in the cluster's web UI and REST
 * API. The job reads {@code JDBC_PASSWORD} and {@code SCHEMA_REGISTRY_USER_INFO} from the cluster's
 * environment (or Managed Flink's property groups).
 */
public final class RestStreamRunner implements StreamRunner {
    private static final Logger LOG = LoggerFactory.getLogger(RestStreamRunner.class);

    /** States after which the job does not come back by itself. */
    private static final Set<String> ENDED = Set.of("FAILED", "CANCELED", "FINISHED", "SUSPENDED");

    private final FlinkRestClient flink;
    private final StreamJarLocator.StreamJar jar;
    private final boolean cancelOnClose;

    /**
     * @param cancelOnClose cancel the job when the running job is closed (else leave it running)
     */
    public RestStreamRunner(
            FlinkRestClient flink, StreamJarLocator.StreamJar jar, boolean cancelOnClose) {
        this.flink = flink;
        this.jar = jar;
        this.cancelOnClose = cancelOnClose;
    }

    @Override
    public RestStream start(StreamJobOptions options) {
        String jarId = flink.upload(jar.jar());
        List<String> args = new ArrayList<>();
        List<String> withheld = new ArrayList<>();
        options.toValues()
                .forEach(
                        (k, v) -> {
                            if (SecretKeys.isSecret(k)) {
                                if (!v.isEmpty()) {
                                    withheld.add(k);
                                }
                            } else {
                                args.add("--" + k + "=" + v);
                            }
                        });
        if (!withheld.isEmpty()) {
            LOG.warn(
                    "not sent to the Flink cluster (secrets; the job reads JDBC_PASSWORD and"
                            + " SCHEMA_REGISTRY_USER_INFO from the cluster's environment): {}",
                    withheld);
        }
        String jobId = flink.run(jarId, FlinkCommandLine.MAIN_CLASS, args, options.parallelism());
        return new RestStream(jobId);
    }

    /** The job on the cluster. */
    public final class RestStream implements RunningStream {
        private final String jobId;

        private RestStream(String jobId) {
            this.jobId = jobId;
        }

        public String jobId() {
            return jobId;
        }

        @Override
        public String awaitRunning(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            String state = flink.jobState(jobId);
            while (!state.equals("RUNNING")) {
                if (ENDED.contains(state)) {
                    throw ended(state);
                }
                if (System.nanoTime() > deadline) {
                    throw CutoverException.infrastructure(
                            "the Flink job " + jobId + " is still " + state + " after " + timeout,
                            null);
                }
                Thread.sleep(500);
                state = flink.jobState(jobId);
            }
            return jobId;
        }

        @Override
        public void requireRunning() {
            String state = flink.jobState(jobId);
            if (ENDED.contains(state)) {
                throw ended(state);
            }
        }

        /** The job has ended in {@code state}: one line, with the reason when it failed. */
        private CutoverException ended(String state) {
            String reason = "";
            if (state.equals("FAILED")) {
                try {
                    reason = flink.failureReason(jobId).map(r -> ": " + r).orElse("");
                } catch (CutoverException unreachable) {
                    LOG.debug("the failure of job {}: {}", jobId, unreachable.getMessage());
                }
            }
            return CutoverException.infrastructure(
                    "the Flink job " + jobId + " is " + state + reason + " — see " + webUi(), null);
        }

        @Override
        public String webUi() {
            return flink.jobUrl(jobId);
        }

        @Override
        public void close() {
            if (!cancelOnClose) {
                LOG.info("the Flink job {} keeps running: {}", jobId, webUi());
                return;
            }
            try {
                if (!ENDED.contains(flink.jobState(jobId))) {
                    flink.cancel(jobId);
                }
            } catch (CutoverException e) {
                LOG.warn("could not cancel the Flink job {}: {}", jobId, e.getMessage());
            }
        }
    }
}

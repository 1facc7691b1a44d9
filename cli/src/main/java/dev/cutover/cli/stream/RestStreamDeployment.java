package dev.cutover.cli.stream;

import dev.cutover.contract.CutoverException;
import dev.cutover.contract.SecretKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job submitted to a running Flink cluster through its REST API; closing it cancels the job
 * unless it should keep running.
 */
public final class RestStreamDeployment implements StreamDeployment {
    private static final Logger LOG = LoggerFactory.getLogger(RestStreamDeployment.class);

    /** States after which the job does not come back by itself. */
    private static final Set<String> ENDED = Set.of("FAILED", "CANCELED", "FINISHED", "SUSPENDED");

    private final FlinkRestSubmitter flink;
    private final String jobId;
    private final boolean cancelOnClose;

    private RestStreamDeployment(FlinkRestSubmitter flink, String jobId, boolean cancelOnClose) {
        this.flink = flink;
        this.jobId = jobId;
        this.cancelOnClose = cancelOnClose;
    }

    /**
     * Uploads the jar and runs it with {@code options} as program arguments — except secrets:
     * program arguments show in the cluster's web UI and REST API, so credentials never go there.
     * The job reads {@code JDBC_PASSWORD} and {@code SCHEMA_REGISTRY_USER_INFO} from the cluster's
     * environment (or Managed Flink's property groups); other secret options are left out with a
     * warning naming them.
     */
    public static RestStreamDeployment submit(
            FlinkRestSubmitter flink,
            StreamJarLocator.StreamJar job,
            Map<String, String> options,
            int parallelism,
            boolean cancelOnClose) {
        String jarId = flink.upload(job.jar());
        List<String> args = new ArrayList<>();
        List<String> withheld = new ArrayList<>();
        options.forEach(
                (k, v) -> {
                    if (SecretKeys.isSecret(k)) {
                        withheld.add(k);
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
        String jobId = flink.run(jarId, LocalFlinkCommand.MAIN_CLASS, args, parallelism);
        return new RestStreamDeployment(flink, jobId, cancelOnClose);
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
                throw CutoverException.infrastructure(
                        "the Flink job " + jobId + " is " + state + " — see " + webUi(), null);
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
            throw CutoverException.infrastructure(
                    "the Flink job " + jobId + " is " + state + " — see " + webUi(), null);
        }
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

package dev.cutover.stream;

import dev.cutover.contract.stream.OptionsException;
import dev.cutover.contract.stream.StreamJobFailure;
import dev.cutover.contract.stream.StreamJobOptions;
import dev.cutover.stream.config.OptionsLoader;
import dev.cutover.stream.io.RetainedRecords;
import dev.cutover.stream.pipeline.StreamJob;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.TableResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the job jar ({@code flink run}, Managed Flink, or a local run on the classpath).
 * Reads the options (flags, {@code --config FILE}, Managed Flink property group), submits the job
 * to the environment it runs in and, when that is a local one, waits for it to end.
 */
public final class StreamJobMain {
    private static final Logger LOG = LoggerFactory.getLogger(StreamJobMain.class);

    /** Set by {@code cutover stream} for a local run: the port of the local web UI. */
    public static final String LOCAL_UI_PORT = "cutover.flink.local-ui-port";

    private StreamJobMain() {}

    /**
     * The environment {@code flink run} / Managed Flink provide; for a local run launched by {@code
     * cutover stream}, a local cluster with its web UI on {@value #LOCAL_UI_PORT}.
     */
    static StreamExecutionEnvironment environment() {
        String uiPort = System.getProperty(LOCAL_UI_PORT);
        if (uiPort == null || uiPort.isBlank()) {
            return StreamExecutionEnvironment.getExecutionEnvironment();
        }
        Configuration conf = new Configuration();
        conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        conf.set(RestOptions.ADDRESS, "127.0.0.1");
        conf.set(RestOptions.PORT, Integer.parseInt(uiPort));
        return StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(conf);
    }

    public static void main(String[] args) throws Exception {
        StreamJobOptions options;
        try {
            options = OptionsLoader.load(args);
        } catch (OptionsException e) {
            LOG.error("Bad configuration: {}", e.getMessage());
            System.err.println("cutover-stream: " + e.getMessage());
            System.exit(2);
            return;
        }
        LOG.info("Starting {} with {}", StreamJob.JOB_NAME, options);
        StreamExecutionEnvironment env = environment();
        if (options.bounded()
                && options.startingOffsets() == StreamJobOptions.StartingOffsets.EARLIEST) {
            try {
                RetainedRecords.requireSome(options);
            } catch (RetainedRecords.ExpiredException e) {
                LOG.error("Nothing to read: {}", e.getMessage());
                if (!(env instanceof LocalStreamEnvironment)) {
                    throw e; // a cluster reports the failed submission with this message
                }
                System.err.println("cutover-stream: " + e.getMessage());
                System.exit(3);
                return;
            }
        }
        if (env instanceof LocalStreamEnvironment && options.checkpointDir().isBlank()) {
            Path dir = Files.createTempDirectory("cutover-stream-checkpoints-");
            options = options.withCheckpointDir(dir.toUri().toString());
            LOG.info("Local run: checkpoints in {}", dir);
        }
        TableResult result = StreamJob.submit(env, options);
        result.getJobClient()
                .ifPresent(
                        client -> {
                            LOG.info("Submitted job {}", client.getJobID());
                            // The launcher of `cutover stream` reads this line.
                            System.out.println("JOB_ID=" + client.getJobID());
                            System.out.flush();
                        });
        if (env instanceof LocalStreamEnvironment) {
            // A local cluster lives as long as this JVM: wait for the job (bounded runs end,
            // unbounded ones run until the process is stopped). A cluster (flink run, REST,
            // Managed Flink) runs the job on its own and may not hand its result to main.
            try {
                result.await();
            } catch (ExecutionException e) {
                LOG.error("The job failed", e);
                // The launcher of `cutover stream` reports this line (LocalFlinkJob.tail).
                System.err.println("cutover-stream: the job failed: " + reason(e));
                System.exit(3);
            }
        }
    }

    /** The job's own line for its failure ({@link StreamJobFailure}), else the innermost cause. */
    static String reason(Throwable failure) {
        StringWriter printed = new StringWriter();
        failure.printStackTrace(new PrintWriter(printed));
        return StreamJobFailure.reasonIn(printed.toString())
                .orElseGet(
                        () -> {
                            Throwable innermost = failure;
                            while (innermost.getCause() != null
                                    && innermost.getCause() != innermost) {
                                innermost = innermost.getCause();
                            }
                            return innermost.toString().lines().findFirst().orElse("");
                        });
    }
}

package dev.cutover.cli.stream;

import dev.cutover.cli.options.TargetOptions;
import dev.cutover.contract.CutoverException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cutover stream}: runs the Flink job ({@code streaming-job}) on a local Flink cluster in
 * its own JVM (default), or submits its jar to a running cluster with {@code --flink-rest URL}.
 * Prints the job id and the web UI URL.
 */
@Command(
        name = "stream",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the Flink streaming job: Kafka → stream.card_transactions,"
                    + " stream.account_hourly_spend, stream.dead_letters. Locally by default"
                    + " (until Ctrl-C, or the end of the topic with --bounded), or on a running"
                    + " cluster with --flink-rest."
        })
public final class StreamCommand implements Callable<Integer> {
    /** The job option {@code --inject-defect} sets (test only). */
    public static final String TEST_DEFECT_OPTION = "test.defect";

    @Spec CommandSpec spec;
    @Mixin TargetOptions target;

    @Option(
            names = "--flink-rest",
            paramLabel = "URL",
            description =
                    "Submit to the Flink cluster whose REST API is at URL (e.g."
                            + " http://host:8081) instead of running locally.")
    String flinkRest;

    @Option(names = "--stream-jar", paramLabel = "JAR", description = "The job jar to run.")
    Path streamJar;

    @Option(
            names = "--output-schema",
            paramLabel = "SCHEMA",
            defaultValue = "stream",
            description = "Database schema of the output tables (default ${DEFAULT-VALUE}).")
    String outputSchema;

    @Option(
            names = "--parallelism",
            paramLabel = "N",
            defaultValue = "2",
            description = "Job parallelism (default ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(
            names = "--checkpoint-interval",
            paramLabel = "DURATION",
            defaultValue = "10s",
            description = "Checkpoint interval (default ${DEFAULT-VALUE}).")
    String checkpointInterval;

    @Option(
            names = "--starting-offsets",
            paramLabel = "WHERE",
            defaultValue = "earliest",
            description = "earliest | latest | committed (default ${DEFAULT-VALUE}).")
    String startingOffsets;

    @Option(
            names = "--group-id",
            paramLabel = "ID",
            defaultValue = "cutover-stream",
            description = "Kafka consumer group (default ${DEFAULT-VALUE}).")
    String groupId;

    @Option(
            names = "--bounded",
            description = "Stop at the end offsets the topic has when the job starts.")
    boolean bounded;

    @Option(
            names = "--job-option",
            paramLabel = "KEY=VALUE",
            description = "Any other job option (see streaming-job/README.md), repeatable.")
    Map<String, String> jobOptions = new LinkedHashMap<>();

    /**
     * TEST ONLY, hidden: job option {@code test.defect} (e.g. {@code fx-round-down}), a known
     * defect that a test of the parity gate injects to show the gate catches it. The job rejects
     * unknown names (exit 2) and logs a warning when one is on.
     */
    @Option(
            names = "--inject-defect",
            paramLabel = "NAME",
            hidden = true,
            description = "TEST ONLY: inject a known defect into the job (fx-round-down).")
    String injectDefect;

    @Option(
            names = "--heap",
            paramLabel = "SIZE",
            defaultValue = "2g",
            description = "Heap of the local Flink JVM (default ${DEFAULT-VALUE}).")
    String heap;

    @Override
    public Integer call() throws Exception {
        Map<String, String> options = jobOptions();
        StreamJarLocator.StreamJar job = new StreamJarLocator().locate(streamJar);
        PrintWriter out = spec.commandLine().getOut();
        if (flinkRest != null && !flinkRest.isBlank()) {
            return submit(job, options, out);
        }
        return runLocally(job, options, out);
    }

    /** Every job option: the target's services, then this command's flags. */
    public Map<String, String> jobOptions() {
        Map<String, String> options = new LinkedHashMap<>();
        Properties kafka = target.kafkaProperties();
        options.put("bootstrap.servers", kafka.getProperty("bootstrap.servers"));
        kafka.stringPropertyNames().stream()
                .filter(k -> !k.equals("bootstrap.servers"))
                .forEach(k -> options.put("kafka." + k, kafka.getProperty(k)));
        options.put("topic", target.topic());
        options.put("schema.registry.url", target.registryConfig().baseUrl().toString());
        target.registryUserInfo().ifPresent(u -> options.put("schema.registry.user-info", u));
        options.put("jdbc.url", target.jdbcUrl());
        if (target.jdbcUser() == null || target.jdbcUser().isBlank()) {
            throw CutoverException.badInput(
                    "missing --jdbc-user (or environment variable JDBC_USER)");
        }
        options.put("jdbc.user", target.jdbcUser());
        target.jdbcPassword().ifPresent(p -> options.put("jdbc.password", p));
        options.put("jdbc.schema", outputSchema);
        options.put("parallelism", Integer.toString(parallelism));
        options.put("checkpoint.interval", checkpointInterval);
        options.put("starting.offsets", startingOffsets);
        options.put("group.id", groupId);
        options.put("bounded", Boolean.toString(bounded));
        options.putAll(jobOptions);
        if (injectDefect != null) {
            options.put(TEST_DEFECT_OPTION, injectDefect);
        }
        return options;
    }

    /**
     * Starts the job where this command's flags say (a cluster's REST API, else a local cluster)
     * and returns it running; closing it stops the job (on a cluster only when {@code
     * cancelOnClose}).
     */
    public StreamDeployment deploy(boolean cancelOnClose) throws IOException {
        Map<String, String> options = jobOptions();
        StreamJarLocator.StreamJar job = new StreamJarLocator().locate(streamJar);
        if (flinkRest != null && !flinkRest.isBlank()) {
            return RestStreamDeployment.submit(
                    new FlinkRestSubmitter(flinkRest), job, options, parallelism, cancelOnClose);
        }
        job.requireFlinkLib();
        return LocalStreamDeployment.start(job, options, heap);
    }

    private int submit(
            StreamJarLocator.StreamJar job, Map<String, String> options, PrintWriter out) {
        FlinkRestSubmitter flink = new FlinkRestSubmitter(flinkRest);
        RestStreamDeployment deployment =
                RestStreamDeployment.submit(flink, job, options, parallelism, false);
        out.println("job id: " + deployment.jobId());
        out.println("web UI: " + deployment.webUi());
        out.flush();
        return 0;
    }

    private int runLocally(
            StreamJarLocator.StreamJar job, Map<String, String> options, PrintWriter out)
            throws IOException, InterruptedException {
        int exit;
        String tail;
        Path log;
        try (LocalFlinkJob running =
                LocalFlinkJob.start(
                        job,
                        options,
                        heap,
                        started -> {
                            synchronized (out) {
                                out.println("job id: " + started.jobId().orElseThrow());
                                out.println("web UI: http://127.0.0.1:" + started.uiPort());
                                out.println("log: " + started.log());
                                out.flush();
                            }
                        })) {
            log = running.log();
            exit = running.waitFor();
            tail = exit == 0 ? "" : running.tail();
        }
        if (exit == 0) {
            out.println(bounded ? "finished: the job read the topic to its end" : "stopped");
            return 0;
        }
        if (exit == 2) {
            throw CutoverException.badInput("the job rejected its options: " + tail);
        }
        throw CutoverException.infrastructure(
                "the Flink job failed (exit " + exit + "): " + tail + " — whole log: " + log, null);
    }
}

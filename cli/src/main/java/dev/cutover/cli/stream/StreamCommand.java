package dev.cutover.cli.stream;

import dev.cutover.cli.CutoverException;
import dev.cutover.cli.options.TargetOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
        String userInfo = System.getenv("SCHEMA_REGISTRY_USER_INFO");
        if (userInfo != null && !userInfo.isBlank()) {
            options.put("schema.registry.user-info", userInfo);
        }
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
        return options;
    }

    private int submit(
            StreamJarLocator.StreamJar job, Map<String, String> options, PrintWriter out) {
        FlinkRestSubmitter flink = new FlinkRestSubmitter(flinkRest);
        String jarId = flink.upload(job.jar());
        List<String> args = new ArrayList<>();
        options.forEach((k, v) -> args.add("--" + k + "=" + v));
        String jobId = flink.run(jarId, LocalFlinkCommand.MAIN_CLASS, args, parallelism);
        out.println("job id: " + jobId);
        out.println("web UI: " + flink.jobUrl(jobId));
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

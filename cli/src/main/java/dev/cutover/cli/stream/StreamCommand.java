package dev.cutover.cli.stream;

import dev.cutover.cli.options.DurationOption;
import dev.cutover.cli.options.TargetOptions;
import dev.cutover.contract.CutoverException;
import dev.cutover.contract.Defaults;
import dev.cutover.contract.stream.JobOption;
import dev.cutover.contract.stream.StreamJobOptions;
import dev.cutover.launch.flink.FlinkRestClient;
import dev.cutover.launch.flink.StreamJarLocator;
import dev.cutover.parity.StreamSettings;
import dev.cutover.parity.stream.LocalStreamRunner;
import dev.cutover.parity.stream.RestStreamRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cutover stream}: the Flink job of {@code streaming-job} in a child JVM on a local cluster
 * (until Ctrl-C, or to the end of the topic with {@code --bounded}), or submitted to a running
 * cluster's REST API. Flink is never on this classpath.
 */
@Command(
        name = "stream",
        mixinStandardHelpOptions = true,
        sortOptions = false,
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
            defaultValue = Defaults.STREAM_SCHEMA,
            description = "Database schema of the output tables (default ${DEFAULT-VALUE}).")
    String outputSchema;

    @Option(
            names = "--parallelism",
            paramLabel = "N",
            defaultValue = Defaults.PARALLELISM_TEXT,
            description = "Job parallelism (default ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(
            names = "--checkpoint-interval",
            paramLabel = "DURATION",
            defaultValue = Defaults.CHECKPOINT_INTERVAL_TEXT,
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
            defaultValue = Defaults.STREAM_GROUP,
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
            defaultValue = Defaults.FLINK_HEAP,
            description = "Heap of the local Flink JVM (default ${DEFAULT-VALUE}).")
    String heap;

    @Override
    public Integer call() throws Exception {
        StreamJobOptions options = jobOptions();
        StreamJarLocator.StreamJar job = new StreamJarLocator().locate(streamJar);
        PrintWriter out = spec.commandLine().getOut();
        if (flinkRest != null && !flinkRest.isBlank()) {
            RestStreamRunner.RestStream stream =
                    new RestStreamRunner(new FlinkRestClient(flinkRest), job, false).start(options);
            out.println("job id: " + stream.jobId());
            out.println("web UI: " + stream.webUi());
            out.flush();
            return 0;
        }
        return runLocally(job, options, out);
    }

    /** The job's options: the target's services, then this command's flags. */
    StreamJobOptions jobOptions() {
        StreamSettings settings =
                new StreamSettings(
                        parallelism,
                        DurationOption.parse("--checkpoint-interval", checkpointInterval),
                        groupId,
                        jobOptions);
        settings = settings.withOption(JobOption.STARTING_OFFSETS, startingOffsets);
        settings = settings.withOption(JobOption.BOUNDED, Boolean.toString(bounded));
        if (injectDefect != null) {
            settings = settings.withOption(JobOption.TEST_DEFECT, injectDefect);
        }
        return target.target().streamOptions(settings, outputSchema);
    }

    private int runLocally(
            StreamJarLocator.StreamJar job, StreamJobOptions options, PrintWriter out)
            throws Exception {
        int exit;
        String tail;
        Path log;
        LocalStreamRunner runner =
                new LocalStreamRunner(
                        job,
                        heap,
                        started -> {
                            synchronized (out) {
                                out.println("job id: " + started.jobId());
                                out.println("web UI: " + started.webUi());
                                out.println("log: " + started.log());
                                out.flush();
                            }
                        });
        try (LocalStreamRunner.LocalStream running = runner.start(options)) {
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

package dev.cutover.cli.run;

import dev.cutover.cli.options.DurationOption;
import dev.cutover.cli.parity.LoadSettings;
import dev.cutover.cli.parity.ParityOrchestrator;
import dev.cutover.cli.parity.ParityPlan;
import dev.cutover.cli.stream.StreamCommand;
import dev.cutover.cli.stream.StreamDeployment;
import dev.cutover.recon.gate.GatePolicy;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cutover run --config parity.yaml}: the parity run of {@code cutover demo} against a team's
 * own Kafka, schema registry, database, Flink cluster and Spark.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Runs the parity test against your own services, as configured in a YAML file: load"
                    + " with faults into a new topic, the Flink job (on your cluster through its"
                    + " REST API, or locally), the Spark batch at each hour's cutoff, then"
                    + " reconciliation and the gate.",
            "Exit codes: 0 parity holds, 1 it fails the policy, 2 bad input, 3 infrastructure."
        })
public final class RunCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
            names = "--config",
            required = true,
            paramLabel = "FILE",
            description = "The run's configuration (YAML; see the README for an example).")
    Path config;

    @Option(
            names = "--print-config",
            description =
                    "Print the configuration as resolved (secrets shown by their source, never"
                            + " their value) and exit.")
    boolean printConfig;

    @Option(
            names = "--progress-interval",
            paramLabel = "D",
            defaultValue = "30s",
            description = "Interval of progress log lines when not on a terminal.")
    String progressInterval;

    @Override
    public Integer call() throws Exception {
        long started = System.nanoTime();
        ParityConfig parity = ParityConfig.load(config);
        PrintWriter out = spec.commandLine().getOut();
        if (printConfig) {
            out.print(parity.printed());
            out.flush();
            return 0;
        }
        ParityPlan plan = plan(parity, Instant.now());
        ParityOrchestrator.Outcome outcome =
                new ParityOrchestrator(
                                parity.target(),
                                plan,
                                target -> startStream(parity.flink(), target),
                                batchOptions(parity.spark()),
                                ParityOrchestrator.LoadListener.NONE,
                                spec.commandLine().getErr())
                        .run(parity.flink().keepRunning());
        outcome.stream().ifPresent(s -> out.println("Flink job left running: " + s.webUi()));
        ParityOrchestrator.printSummary(out, outcome.report(), plan.reportDir(), started);
        return outcome.exitCode();
    }

    private ParityPlan plan(ParityConfig parity, Instant now) {
        LoadSettings load = parity.load();
        return new ParityPlan(
                load.generatorOptions(now, parity.grace()),
                load.hours(),
                parity.partitions(),
                parity.grace(),
                Duration.ofMinutes(5),
                parity.catchUpTimeout(),
                parity.policy().map(GatePolicy::load).orElseGet(GatePolicy::standard),
                parity.reportDir(),
                DurationOption.parse("--progress-interval", progressInterval),
                load.speedup() != 1);
    }

    /** The job, started as {@code cutover stream} would with the config's Flink section. */
    private static StreamDeployment startStream(ParityConfig.Flink flink, List<String> target)
            throws IOException {
        List<String> args = new ArrayList<>(target);
        flink.rest().ifPresent(url -> args.addAll(List.of("--flink-rest", url)));
        args.addAll(List.of("--parallelism", Integer.toString(flink.parallelism())));
        args.addAll(List.of("--checkpoint-interval", flink.checkpointInterval()));
        args.addAll(List.of("--heap", flink.heap()));
        flink.jobOptions().forEach((k, v) -> args.addAll(List.of("--job-option", k + "=" + v)));
        StreamCommand stream = new StreamCommand();
        CommandLine line = new CommandLine(stream);
        line.setOut(new PrintWriter(new StringWriter()));
        line.parseArgs(args.toArray(String[]::new));
        return stream.deploy(!flink.keepRunning());
    }

    private static List<String> batchOptions(ParityConfig.Spark spark) {
        List<String> args = new ArrayList<>();
        args.addAll(List.of("--spark-master", spark.master()));
        args.addAll(List.of("--driver-memory", spark.driverMemory()));
        spark.sparkSubmit()
                .ifPresent(path -> args.addAll(List.of("--spark-submit", path.toString())));
        return args;
    }
}

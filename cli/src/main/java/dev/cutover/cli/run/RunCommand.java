package dev.cutover.cli.run;

import dev.cutover.cli.options.DurationOption;
import dev.cutover.cli.parity.ParityOutput;
import dev.cutover.launch.flink.FlinkRestClient;
import dev.cutover.launch.flink.StreamJarLocator;
import dev.cutover.launch.spark.SparkBatch;
import dev.cutover.parity.ParityListener;
import dev.cutover.parity.ParityPlan;
import dev.cutover.parity.ParityWorkflow;
import dev.cutover.parity.batch.SparkBatchRunner;
import dev.cutover.parity.stream.LocalStreamRunner;
import dev.cutover.parity.stream.RestStreamRunner;
import dev.cutover.parity.stream.StreamRunner;
import dev.cutover.recon.gate.GatePolicy;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
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
    java.nio.file.Path config;

    @Option(
            names = "--print-config",
            description =
                    "Print the configuration as resolved, as YAML (secrets shown by their source,"
                            + " never their value), and exit.")
    boolean printConfig;

    @Option(
            names = "--progress-interval",
            paramLabel = "D",
            defaultValue = "30s",
            description =
                    "Interval of progress log lines when not on a terminal (default"
                            + " ${DEFAULT-VALUE}).")
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
        Duration interval = DurationOption.parse("--progress-interval", progressInterval);
        ParityWorkflow workflow =
                new ParityWorkflow(
                        parity.target(),
                        plan(parity, Instant.now()),
                        streamRunner(parity.flink()),
                        new SparkBatchRunner(
                                SparkBatch.located(parity.spark()), parity.target().batchSecrets()),
                        ParityListener.NONE);
        ParityWorkflow.Outcome outcome =
                ParityOutput.run(
                        workflow,
                        parity.flink().keepRunning(),
                        spec.commandLine().getErr(),
                        interval);
        outcome.stream().ifPresent(s -> out.println("Flink job left running: " + s.webUi()));
        ParityOutput.printSummary(
                out,
                outcome.report(),
                parity.reportDir(),
                Duration.ofNanos(System.nanoTime() - started));
        return outcome.exitCode();
    }

    private static ParityPlan plan(ParityConfig parity, Instant now) {
        return ParityPlan.of(
                        parity.load(),
                        parity.load().generatorOptions(now, parity.grace()),
                        parity.grace(),
                        parity.policy().map(GatePolicy::load).orElseGet(GatePolicy::standard),
                        parity.reportDir())
                .withPartitions(parity.partitions())
                .withStream(parity.flink().stream())
                .withCatchUpTimeout(parity.catchUpTimeout())
                .withHistory(parity.history());
    }

    /** The config's cluster through its REST API, else a local cluster in a child JVM. */
    private static StreamRunner streamRunner(ParityConfig.Flink flink) {
        StreamJarLocator.StreamJar jar = new StreamJarLocator().locate(null);
        return flink.rest()
                .<StreamRunner>map(
                        url ->
                                new RestStreamRunner(
                                        new FlinkRestClient(url), jar, !flink.keepRunning()))
                .orElseGet(() -> new LocalStreamRunner(jar, flink.heap()));
    }
}

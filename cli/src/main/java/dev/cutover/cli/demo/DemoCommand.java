package dev.cutover.cli.demo;

import dev.cutover.cli.demo.chaos.ChaosPlan;
import dev.cutover.cli.demo.chaos.FaultInjector;
import dev.cutover.cli.demo.chaos.StackFaults;
import dev.cutover.cli.options.DurationOption;
import dev.cutover.cli.parity.LoadSettings;
import dev.cutover.cli.parity.ParityOrchestrator;
import dev.cutover.cli.parity.ParityPlan;
import dev.cutover.cli.parity.ParityTarget;
import dev.cutover.cli.stack.StopSignal;
import dev.cutover.cli.stream.ClusterStreamDeployment;
import dev.cutover.cli.stream.LocalFlinkCluster;
import dev.cutover.cli.stream.StreamCommand;
import dev.cutover.cli.stream.StreamDeployment;
import dev.cutover.cli.stream.StreamJarLocator;
import dev.cutover.contract.CutoverException;
import dev.cutover.recon.gate.GatePolicy;
import dev.cutover.stack.EmbeddedStack;
import dev.cutover.stack.StackOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cutover demo}: the whole parity run on one machine. Starts the embedded stack, the Flink
 * job in its own JVM, generates a few simulated hours of load with every fault, runs the Spark
 * batch for each hour in its own JVM as soon as its cutoff passes on the simulated clock, waits for
 * the stream to catch up, reconciles stream vs batch vs truth and exits with the gate's code. With
 * {@code --chaos} the job runs on a local standalone Flink cluster and a {@link FaultInjector}
 * kills its TaskManager twice and restarts Kafka and PostgreSQL while the load runs.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Runs the parity test end to end on an embedded stack: load with faults on a"
                    + " simulated clock, the Flink job, the Spark batch at each hour's cutoff,"
                    + " then reconciliation (report.html/.md/.json, junit.xml).",
            "Exit codes: 0 parity holds, 1 it fails the policy, 2 bad input, 3 infrastructure."
        })
public final class DemoCommand implements java.util.concurrent.Callable<Integer> {
    private static final String TOPIC = "card-transactions";
    private static final int PARTITIONS = 4;
    private static final Logger LOG = LoggerFactory.getLogger(DemoCommand.class);

    @Spec CommandSpec spec;

    @Option(
            names = "--hours",
            paramLabel = "N",
            defaultValue = "3",
            description = "Simulated hours of load (default ${DEFAULT-VALUE}).")
    int hours;

    @Option(
            names = "--rate",
            paramLabel = "R",
            defaultValue = "1000",
            description = "Records per real second (default ${DEFAULT-VALUE}).")
    double rate;

    @Option(
            names = "--speedup",
            paramLabel = "K",
            defaultValue = "90",
            description =
                    "Simulated seconds per real second (default ${DEFAULT-VALUE}: 3 hours in 2"
                            + " minutes).")
    double speedup;

    @Option(
            names = "--seed",
            paramLabel = "S",
            defaultValue = "1",
            description = "Seed of the load (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--accounts",
            paramLabel = "N",
            defaultValue = "5000",
            description = "Accounts (default ${DEFAULT-VALUE}).")
    int accounts;

    @Option(names = "--late-fraction", paramLabel = "F", defaultValue = "0.01")
    double lateFraction;

    @Option(
            names = "--late-delay",
            paramLabel = "MIN..MAX",
            defaultValue = "5m..2h",
            description = "How late late events arrive (default ${DEFAULT-VALUE}).")
    String lateDelay;

    @Option(names = "--out-of-order-fraction", paramLabel = "F", defaultValue = "0.03")
    double outOfOrderFraction;

    @Option(names = "--duplicate-fraction", paramLabel = "F", defaultValue = "0.01")
    double duplicateFraction;

    @Option(names = "--poison-fraction", paramLabel = "F", defaultValue = "0.001")
    double poisonFraction;

    @Option(
            names = "--grace",
            paramLabel = "D",
            defaultValue = "10m",
            description = "The batch cutoff is H + 1h + grace (default ${DEFAULT-VALUE}).")
    String grace;

    @Option(
            names = "--policy",
            paramLabel = "FILE",
            description = "Gate policy (YAML); default: fail on any unexplained difference.")
    Path policy;

    @Option(
            names = "--report-dir",
            paramLabel = "DIR",
            defaultValue = "target/cutover-report",
            description = "Where the reports go (default ${DEFAULT-VALUE}).")
    Path reportDir;

    @Option(
            names = "--catch-up-timeout",
            paramLabel = "D",
            defaultValue = "5m",
            description = "How long the stream may take to catch up at the end (default 5m).")
    String catchUpTimeout;

    @Option(
            names = "--stream-heap",
            paramLabel = "SIZE",
            defaultValue = "1g",
            description = "Heap of the Flink JVM (default ${DEFAULT-VALUE}).")
    String streamHeap;

    @Option(
            names = "--keep-running",
            description =
                    "Leave the stack and the job up at the end, print the endpoints, wait for"
                            + " Ctrl-C.")
    boolean keepRunning;

    @Option(
            names = "--progress-interval",
            paramLabel = "D",
            defaultValue = "5s",
            description = "Interval of progress log lines when not on a terminal.")
    String progressInterval;

    @Option(
            names = "--chaos",
            description =
                    "Inject faults while the load runs: kill the Flink TaskManager twice (the job"
                            + " then runs on a local standalone cluster and restores from its last"
                            + " checkpoint), restart Kafka and PostgreSQL once each; the report"
                            + " lists them with their times.")
    boolean chaos;

    @Option(
            names = "--inject-defect",
            hidden = true,
            paramLabel = "NAME",
            description = "Test only: run the stream with a known defect (see cutover stream).")
    String injectDefect;

    private volatile CompletableFuture<LocalFlinkCluster> chaosCluster;
    private volatile ClusterStreamDeployment chaosStream;

    @Override
    public Integer call() throws Exception {
        long started = System.nanoTime();
        ParityPlan plan = plan(Instant.now());
        StreamJarLocator.StreamJar streamJar = new StreamJarLocator().locate(null);
        streamJar.requireFlinkLib();
        PrintWriter out = spec.commandLine().getOut();
        // The chaos run's Flink cluster starts while the stack does: it needs none of it.
        chaosCluster = chaos ? startChaosCluster(streamJar) : null;
        try (EmbeddedStack stack = EmbeddedStack.start(StackOptions.defaults());
                FaultInjector injector = chaos ? injector(stack, plan) : null) {
            ParityTarget target = target(stack);
            ParityOrchestrator.Outcome outcome =
                    new ParityOrchestrator(
                                    target,
                                    plan,
                                    this::startStream,
                                    List.of(),
                                    chaos ? injector : ParityOrchestrator.LoadListener.NONE,
                                    spec.commandLine().getErr())
                            .run(keepRunning);
            ParityOrchestrator.printSummary(out, outcome.report(), reportDir, started);
            if (keepRunning) {
                try (StreamDeployment stream = outcome.stream().orElseThrow()) {
                    stack.endpoints()
                            .environment()
                            .forEach((key, value) -> out.println(key + "=" + value));
                    out.println("TOPIC=" + TOPIC);
                    out.println("FLINK_WEB_UI=" + stream.webUi());
                    out.println("READY");
                    out.flush();
                    new StopSignal().await();
                }
            }
            return outcome.exitCode();
        } finally {
            if (chaosCluster != null) {
                try {
                    chaosCluster.join().close();
                } catch (CompletionException didNotStart) {
                    // nothing to stop; the run already failed on it
                }
            }
        }
    }

    ParityPlan plan(Instant now) {
        LoadSettings load =
                new LoadSettings(
                        hours,
                        rate,
                        speedup,
                        seed,
                        accounts,
                        lateFraction,
                        lateDelay,
                        outOfOrderFraction,
                        duplicateFraction,
                        poisonFraction);
        Duration graceDuration = DurationOption.parse("--grace", grace);
        return new ParityPlan(
                load.generatorOptions(now, graceDuration),
                hours,
                PARTITIONS,
                graceDuration,
                Duration.ofMinutes(3),
                DurationOption.parse("--catch-up-timeout", catchUpTimeout),
                policy == null ? GatePolicy.standard() : GatePolicy.load(policy),
                reportDir,
                DurationOption.parse("--progress-interval", progressInterval),
                true);
    }

    private static ParityTarget target(EmbeddedStack stack) {
        Properties kafka = new Properties();
        kafka.put("bootstrap.servers", stack.kafkaBootstrapServers());
        return new ParityTarget(
                kafka,
                TOPIC,
                stack.schemaRegistryUrl(),
                Optional.empty(),
                stack.jdbcUrl(),
                stack.jdbcUser(),
                Optional.ofNullable(stack.jdbcPassword()).filter(p -> !p.isEmpty()));
    }

    /**
     * A local standalone Flink cluster with the slots of the job's default parallelism (2),
     * starting on another thread.
     */
    private static CompletableFuture<LocalFlinkCluster> startChaosCluster(
            StreamJarLocator.StreamJar streamJar) {
        return CompletableFuture.supplyAsync(
                () -> {
                    try {
                        Path dir = Files.createTempDirectory("cutover-chaos-flink-");
                        LOG.info("chaos: the Flink cluster's config and logs are in {}", dir);
                        return LocalFlinkCluster.start(streamJar, dir, 2, Duration.ofMinutes(2));
                    } catch (IOException e) {
                        throw CutoverException.infrastructure(
                                "the Flink cluster did not start: " + e, e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw CutoverException.infrastructure("interrupted", e);
                    }
                });
    }

    /** The standard chaos plan over the load, injected into this stack and the job's cluster. */
    private FaultInjector injector(EmbeddedStack stack, ParityPlan plan) {
        ChaosPlan chaosPlan = ChaosPlan.standard(plan.generator().start(), Duration.ofHours(hours));
        return new FaultInjector(
                chaosPlan,
                StackFaults.of(stack, () -> chaosStream.cluster(), Clock.systemUTC()),
                Clock.systemUTC());
    }

    /**
     * The Flink job on a local cluster in its own JVM, started like {@code cutover stream}; with
     * {@code --chaos}, on a standalone session cluster (JobManager and TaskManager JVMs) whose
     * TaskManager can be killed, checkpointing every 2 s and restarting without limit.
     */
    private StreamDeployment startStream(List<String> target)
            throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(target);
        if (injectDefect != null) {
            args.addAll(List.of("--inject-defect", injectDefect));
        }
        if (chaos) {
            args.addAll(
                    List.of(
                            "--checkpoint-interval",
                            "2s",
                            "--job-option",
                            "restart.attempts=1000",
                            "--job-option",
                            "restart.delay=1s"));
            LocalFlinkCluster cluster;
            try {
                cluster = chaosCluster.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
            chaosStream = ClusterStreamDeployment.submit(cluster, parse(args).jobOptions());
            return chaosStream;
        }
        args.addAll(List.of("--heap", streamHeap));
        return parse(args).deploy(true);
    }

    private static StreamCommand parse(List<String> args) {
        StreamCommand stream = new StreamCommand();
        CommandLine line = new CommandLine(stream);
        line.setOut(new PrintWriter(new StringWriter()));
        line.parseArgs(args.toArray(String[]::new));
        return stream;
    }
}

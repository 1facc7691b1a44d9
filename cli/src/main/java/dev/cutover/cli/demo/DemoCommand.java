package dev.cutover.cli.demo;

import dev.cutover.cli.options.DurationOption;
import dev.cutover.cli.options.LoadOptions;
import dev.cutover.cli.parity.ParityOutput;
import dev.cutover.cli.stack.StopSignal;
import dev.cutover.contract.Defaults;
import dev.cutover.contract.stream.JobOption;
import dev.cutover.parity.LoadSettings;
import dev.cutover.parity.ParityPlan;
import dev.cutover.parity.ParityWorkflow;
import dev.cutover.parity.demo.DemoEnvironment;
import dev.cutover.parity.stream.RunningStream;
import dev.cutover.recon.gate.GatePolicy;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cutover demo}: the whole parity run on one machine ({@link DemoEnvironment}: the embedded
 * stack, the Flink job in its own JVM, the bundled Spark), with every fault in the load; with
 * {@code --chaos} also a TaskManager killed twice and Kafka and PostgreSQL restarted.
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
public final class DemoCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin LoadOptions load;

    @Option(
            names = "--grace",
            paramLabel = "D",
            defaultValue = Defaults.GRACE_TEXT,
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
            defaultValue = Defaults.CATCH_UP_TIMEOUT_TEXT,
            description =
                    "How long the stream may take to catch up at the end (default"
                            + " ${DEFAULT-VALUE}).")
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
            defaultValue = Defaults.PROGRESS_INTERVAL_TEXT,
            description =
                    "Interval of progress log lines when not on a terminal (default"
                            + " ${DEFAULT-VALUE}).")
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

    @Override
    public Integer call() throws Exception {
        long started = System.nanoTime();
        ParityPlan plan = plan(Instant.now());
        Duration interval = DurationOption.parse("--progress-interval", progressInterval);
        PrintWriter out = spec.commandLine().getOut();
        try (DemoEnvironment demo =
                DemoEnvironment.start(new DemoEnvironment.Settings(streamHeap, chaos))) {
            ParityWorkflow workflow = demo.workflow(plan);
            ParityWorkflow.Outcome outcome =
                    ParityOutput.run(workflow, keepRunning, spec.commandLine().getErr(), interval);
            ParityOutput.printSummary(
                    out,
                    outcome.report(),
                    reportDir,
                    Duration.ofNanos(System.nanoTime() - started));
            if (keepRunning) {
                // Handle Ctrl-C and SIGTERM before saying READY: a signal right after it stops
                // the run in order instead of ending the JVM.
                StopSignal stop = new StopSignal();
                try (RunningStream stream = outcome.stream().orElseThrow()) {
                    demo.stack()
                            .endpoints()
                            .environment()
                            .forEach((key, value) -> out.println(key + "=" + value));
                    out.println("TOPIC=" + demo.target().topic());
                    out.println("FLINK_WEB_UI=" + stream.webUi());
                    out.println("READY");
                    out.flush();
                    stop.await();
                }
            }
            return outcome.exitCode();
        }
    }

    ParityPlan plan(Instant now) {
        LoadSettings settings = load.settings();
        Duration graceDuration = DurationOption.parse("--grace", grace);
        ParityPlan plan =
                ParityPlan.of(
                                settings,
                                settings.generatorOptions(now, graceDuration),
                                graceDuration,
                                policy == null ? GatePolicy.standard() : GatePolicy.load(policy),
                                reportDir)
                        .withCatchUpTimeout(
                                DurationOption.parse("--catch-up-timeout", catchUpTimeout));
        if (injectDefect != null) {
            plan = plan.withStream(plan.stream().withOption(JobOption.TEST_DEFECT, injectDefect));
        }
        return plan;
    }
}

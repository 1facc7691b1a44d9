package dev.cutover.cli;

import dev.cutover.cli.batch.BatchCommand;
import dev.cutover.cli.bench.BenchCommand;
import dev.cutover.cli.check.CheckCommand;
import dev.cutover.cli.demo.DemoCommand;
import dev.cutover.cli.generate.GenerateCommand;
import dev.cutover.cli.reconcile.ReconcileCommand;
import dev.cutover.cli.run.RunCommand;
import dev.cutover.cli.stack.StackCommand;
import dev.cutover.cli.stream.StreamCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The top of {@code cutover}: global options, and the subcommands. */
@Command(
        name = "cutover",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Proves a Flink streaming job produces what the Spark hourly batch it replaces"
                    + " produces, and how much fresher.",
            ""
        },
        subcommands = {
            DemoCommand.class,
            RunCommand.class,
            StackCommand.class,
            CheckCommand.class,
            GenerateCommand.class,
            ReconcileCommand.class,
            BatchCommand.class,
            StreamCommand.class,
            BenchCommand.class
        },
        footer = {
            "",
            "Exit codes: 0 ok / parity holds, 1 parity fails the policy,",
            "            2 bad input or configuration, 3 infrastructure failure."
        })
public final class CutoverCommand implements Runnable {
    @Spec CommandSpec spec;

    @Option(
            names = "--verbose",
            scope = ScopeType.INHERIT,
            description = "Show stack traces of errors and debug logging.")
    boolean verbose;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a subcommand is required");
    }
}

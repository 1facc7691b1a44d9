package dev.cutover.cli.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code cutover bench}: benchmarks that measure our figure and a reference in the same run and
 * print the ratio. Each benchmark is a subcommand.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Benchmarks: ours against a reference, in one run, with the ratio.",
        subcommands = {
            LoadgenBenchCommand.class,
            ReconBenchCommand.class,
            StreamBenchCommand.class
        })
public final class BenchCommand implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a benchmark is required");
    }
}

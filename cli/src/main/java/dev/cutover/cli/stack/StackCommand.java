package dev.cutover.cli.stack;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code cutover stack}: the embedded services. */
@Command(
        name = "stack",
        mixinStandardHelpOptions = true,
        description = "The embedded services: Kafka (KRaft), a schema registry, PostgreSQL.",
        subcommands = StackUpCommand.class)
public final class StackCommand implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a subcommand is required (up)");
    }
}

package dev.cutover.cli;

import dev.cutover.contract.CutoverException;
import dev.cutover.contract.ExitCode;
import dev.cutover.model.registry.SchemaRegistryException;
import dev.cutover.recon.ReconException;
import dev.cutover.stack.StackException;
import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns every error into one line on stderr and its exit code (the stack trace only with {@code
 * --verbose}). The one place that maps error types to {@link ExitCode}s.
 */
final class ErrorReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {
    private final boolean verbose;

    ErrorReporter(boolean verbose) {
        this.verbose = verbose;
    }

    static boolean isVerbose(String[] args) {
        return Arrays.asList(args).contains("--verbose");
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine command = ex.getCommandLine();
        PrintWriter err = command.getErr();
        err.println(
                "cutover: "
                        + ex.getMessage()
                        + " (see '"
                        + command.getCommandSpec().qualifiedName()
                        + " --help')");
        printTrace(ex, err);
        return ExitCode.BAD_INPUT.code();
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine command, ParseResult result) {
        PrintWriter err = command.getErr();
        ExitCode code = exitCodeOf(ex);
        err.println("cutover: " + messageOf(ex));
        printTrace(ex, err);
        return code.code();
    }

    static ExitCode exitCodeOf(Throwable ex) {
        if (ex instanceof CutoverException cutover) {
            return cutover.exitCode();
        }
        if (ex instanceof StackException stack) {
            return stack.kind() == StackException.Kind.BAD_CONFIGURATION
                    ? ExitCode.BAD_INPUT
                    : ExitCode.INFRASTRUCTURE;
        }
        if (ex instanceof SchemaRegistryException registry) {
            return switch (registry.kind()) {
                case UNAVAILABLE -> ExitCode.INFRASTRUCTURE;
                default -> ExitCode.BAD_INPUT;
            };
        }
        if (ex instanceof ReconException recon) {
            return recon.kind() == ReconException.Kind.BAD_INPUT
                    ? ExitCode.BAD_INPUT
                    : ExitCode.INFRASTRUCTURE;
        }
        if (ex instanceof IllegalArgumentException) {
            return ExitCode.BAD_INPUT;
        }
        return ExitCode.INFRASTRUCTURE;
    }

    private static String messageOf(Throwable ex) {
        boolean known =
                ex instanceof CutoverException
                        || ex instanceof StackException
                        || ex instanceof SchemaRegistryException
                        || ex instanceof ReconException
                        || ex instanceof IllegalArgumentException;
        String message = ex.getMessage() == null ? "" : ex.getMessage();
        if (ex instanceof java.sql.SQLException && !message.isBlank()) {
            return "database: " + firstLine(message);
        }
        if (known && !message.isBlank()) {
            return firstLine(message);
        }
        return "unexpected "
                + ex.getClass().getSimpleName()
                + (message.isBlank() ? "" : ": " + firstLine(message))
                + " (run with --verbose for details)";
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private void printTrace(Throwable ex, PrintWriter err) {
        if (verbose) {
            ex.printStackTrace(err);
        }
    }
}

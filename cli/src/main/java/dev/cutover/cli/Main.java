package dev.cutover.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** The entry point of {@code cutover}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        boolean verbose = ErrorReporter.isVerbose(args);
        if (verbose) {
            System.setProperty("cutover.log.level", "DEBUG");
        }
        int code =
                execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        System.exit(code);
    }

    /** Runs the command with the given writers; returns the exit code. Tests call this. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        ErrorReporter errors = new ErrorReporter(ErrorReporter.isVerbose(args));
        CommandLine commandLine =
                new CommandLine(new CutoverCommand())
                        .setOut(out)
                        .setErr(err)
                        .setCaseInsensitiveEnumValuesAllowed(true)
                        .setExecutionExceptionHandler(errors)
                        .setParameterExceptionHandler(errors);
        return commandLine.execute(args);
    }
}

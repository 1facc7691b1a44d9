package dev.cutover.contract;

/**
 * An error the command reports as one line on stderr and turns into its exit code. The message says
 * what went wrong and where, and never holds a secret.
 */
public class CutoverException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ExitCode exitCode;

    public CutoverException(ExitCode exitCode, String message) {
        this(exitCode, message, null);
    }

    public CutoverException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public static CutoverException badInput(String message) {
        return new CutoverException(ExitCode.BAD_INPUT, message);
    }

    public static CutoverException infrastructure(String message, Throwable cause) {
        return new CutoverException(ExitCode.INFRASTRUCTURE, message, cause);
    }

    public ExitCode exitCode() {
        return exitCode;
    }
}

package dev.cutover.stack;

/**
 * A service of the embedded stack could not be started or stopped.
 *
 * <p>The {@link Kind} tells the caller whose fault it is: {@link Kind#BAD_CONFIGURATION} means the
 * options asked for something impossible (a port already taken, a folder that cannot be written, a
 * registry jar that is not there); {@link Kind#INFRASTRUCTURE} means a service failed or timed out
 * although the options were fine. The message is one line naming what failed and where.
 */
public final class StackException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Whose fault a failure is; each kind carries the exit code of the {@code cutover} command. */
    public enum Kind {
        /** The options asked for something impossible: exit code 2. */
        BAD_CONFIGURATION(2),
        /** A service failed to start, stop or answer in time: exit code 3. */
        INFRASTRUCTURE(3);

        private final int exitCode;

        Kind(int exitCode) {
            this.exitCode = exitCode;
        }

        /** The exit code of the {@code cutover} command for this kind (see DESIGN.md). */
        public int exitCode() {
            return exitCode;
        }
    }

    private final Kind kind;

    private StackException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    /** The options asked for something impossible. */
    public static StackException badConfiguration(String message) {
        return new StackException(Kind.BAD_CONFIGURATION, message, null);
    }

    /** The options asked for something impossible, found out through {@code cause}. */
    public static StackException badConfiguration(String message, Throwable cause) {
        return new StackException(Kind.BAD_CONFIGURATION, message, cause);
    }

    /** A service failed or timed out. */
    public static StackException infrastructure(String message, Throwable cause) {
        return new StackException(Kind.INFRASTRUCTURE, message, cause);
    }

    /** A service failed or timed out. */
    public static StackException infrastructure(String message) {
        return new StackException(Kind.INFRASTRUCTURE, message, null);
    }

    public Kind kind() {
        return kind;
    }

    /** {@code e} and, when it has one, its root cause, for one-line messages. */
    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e) : e + " (caused by " + root + ")";
    }
}

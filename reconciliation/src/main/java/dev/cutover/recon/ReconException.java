package dev.cutover.recon;

/**
 * An error of a reconciliation run, typed by who must act: {@link Kind#BAD_INPUT} (a missing table
 * or column, a bad tolerance or policy: the message names what and where) or {@link
 * Kind#INFRASTRUCTURE} (the database is unreachable or failed). Messages never hold a secret.
 */
public final class ReconException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Who must act on the error. */
    public enum Kind {
        BAD_INPUT,
        INFRASTRUCTURE
    }

    private final Kind kind;

    private ReconException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public static ReconException badInput(String message) {
        return new ReconException(Kind.BAD_INPUT, message, null);
    }

    public static ReconException infrastructure(String message, Throwable cause) {
        return new ReconException(Kind.INFRASTRUCTURE, message, cause);
    }

    public Kind kind() {
        return kind;
    }
}

package dev.cutover.model.registry;

/** A schema registry request that failed. The message names the URL, never the credentials. */
public final class SchemaRegistryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, so callers can map it to an exit code or a dead letter. */
    public enum Kind {
        /** The subject, version or schema id does not exist (HTTP 404). */
        NOT_FOUND,
        /** The schema is incompatible with the subject's earlier versions (HTTP 409). */
        INCOMPATIBLE,
        /** The registry rejected the request as invalid (HTTP 422 or another 4xx). */
        REJECTED,
        /** The credentials were missing or refused (HTTP 401/403). */
        UNAUTHORIZED,
        /** The registry could not be reached or kept failing (5xx) after every attempt. */
        UNAVAILABLE
    }

    private final Kind kind;
    private final int status;

    SchemaRegistryException(Kind kind, int status, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.status = status;
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status, or 0 when no response arrived. */
    public int status() {
        return status;
    }
}

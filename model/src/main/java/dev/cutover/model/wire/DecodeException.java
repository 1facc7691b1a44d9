package dev.cutover.model.wire;

/** A value that is not a decodable Confluent-Avro record. Carries the typed {@link #failure()}. */
public final class DecodeException extends Exception {
    private static final long serialVersionUID = 1L;

    private final DecodeFailure failure;

    public DecodeException(DecodeFailure failure, String detail) {
        this(failure, detail, null);
    }

    public DecodeException(DecodeFailure failure, String detail, Throwable cause) {
        super(failure.code() + ": " + detail, cause);
        this.failure = failure;
    }

    public DecodeFailure failure() {
        return failure;
    }
}

package dev.cutover.model.wire;

/** A value that is not a decodable Confluent-Avro record. Carries the typed {@link #failure()}. */
public final class DecodeException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The longest detail a dead letter keeps: every pipeline cuts it at the same length. */
    public static final int MAX_DEAD_LETTER_DETAIL = 500;

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

    /**
     * The message as a dead letter's {@code detail}: at most {@value #MAX_DEAD_LETTER_DETAIL}
     * chars.
     */
    public String deadLetterDetail() {
        String message = getMessage();
        return message.length() > MAX_DEAD_LETTER_DETAIL
                ? message.substring(0, MAX_DEAD_LETTER_DETAIL)
                : message;
    }
}

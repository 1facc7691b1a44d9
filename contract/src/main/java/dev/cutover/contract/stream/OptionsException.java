package dev.cutover.contract.stream;

/** A missing or bad setting; the message names the key and where it came from. */
public final class OptionsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public OptionsException(String message) {
        super(message);
    }

    public OptionsException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.cutover.contract;

/** The exit codes of {@code cutover}: the contract users and CI script against (DESIGN.md). */
public enum ExitCode {
    /** Success; parity holds. */
    OK(0),
    /** Parity fails the policy. */
    PARITY_FAILED(1),
    /** Bad input or configuration: the message says what and where. */
    BAD_INPUT(2),
    /** Infrastructure failure: a service unreachable, a job failed. */
    INFRASTRUCTURE(3);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}

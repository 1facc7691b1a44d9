package dev.cutover.contract.stream;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A failure of the running Flink job that the job explains in one line: what failed and where (e.g.
 * the database it cannot write to, by its URL without credentials), never a secret. The job's tasks
 * throw it; Flink reports it as a task's failure cause and, once the restarts are used up, as the
 * job's. Whoever watches the job finds the line in what Flink prints with {@link #reasonIn}: a
 * cluster's REST API ({@code /jobs/ID/exceptions}) or a local run's log.
 */
public final class StreamJobFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** How the failure's line starts in a printed stack trace (as is, or after "Caused by: "). */
    private static final Pattern LINE =
            Pattern.compile(
                    "^\\s*(?:Caused by: )?"
                            + Pattern.quote(StreamJobFailure.class.getName())
                            + ": (.+)$",
                    Pattern.MULTILINE);

    /**
     * @param message one line: what failed and where, without secrets
     */
    public StreamJobFailure(String message, Throwable cause) {
        super(message, cause);
        if (message.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a job failure is one line: " + message);
        }
    }

    /**
     * The message of the outermost {@code StreamJobFailure} in {@code printed} (stack traces as
     * Flink's REST API or a log show them), if there is one.
     */
    public static Optional<String> reasonIn(String printed) {
        if (printed == null) {
            return Optional.empty();
        }
        Matcher m = LINE.matcher(printed);
        return m.find() ? Optional.of(m.group(1).strip()) : Optional.empty();
    }
}

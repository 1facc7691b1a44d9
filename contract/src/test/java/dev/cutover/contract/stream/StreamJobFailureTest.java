package dev.cutover.contract.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class StreamJobFailureTest {

    private static final String REASON =
            "cannot write to the database jdbc:postgresql://db:5432/app (table s.t): Connection to"
                    + " db:5432 refused.";

    @Test
    void theReasonIsFoundWhereFlinkPrintsItAsACause() {
        Exception failure =
                new RuntimeException(
                        "Recovery is suppressed by FixedDelayRestartBackoffTimeStrategy",
                        new IOException(
                                "task failed",
                                new StreamJobFailure(
                                        REASON, new ConnectException("Connection refused"))));

        assertThat(StreamJobFailure.reasonIn(printed(failure))).contains(REASON);
    }

    @Test
    void theReasonIsFoundAsTheFirstLine() {
        assertThat(StreamJobFailure.reasonIn(printed(new StreamJobFailure(REASON, null))))
                .contains(REASON);
    }

    @Test
    void theOutermostFailureWins() {
        Exception failure =
                new StreamJobFailure("outer", new StreamJobFailure("inner", new IOException()));

        assertThat(StreamJobFailure.reasonIn(printed(failure))).contains("outer");
    }

    @Test
    void otherFailuresHaveNoReason() {
        assertThat(StreamJobFailure.reasonIn(printed(new IOException("disk full")))).isEmpty();
        assertThat(
                        StreamJobFailure.reasonIn(
                                "java.lang.RuntimeException: mentions"
                                        + " dev.cutover.contract.stream.StreamJobFailure: inside"))
                .isEmpty();
        assertThat(StreamJobFailure.reasonIn(null)).isEmpty();
    }

    @Test
    void aReasonIsOneLine() {
        assertThatThrownBy(() -> new StreamJobFailure("two\nlines", null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String printed(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}

package dev.cutover.launch.flink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.contract.stream.StreamJobFailure;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

/** Why a job failed, from the answer of a Flink cluster's {@code /jobs/{id}/exceptions}. */
class FlinkRestClientTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REASON =
            "cannot write to the database jdbc:postgresql://db:5432/app (table stream.t):"
                    + " Connection to db:5432 refused.";

    @Test
    void theJobsOwnLineWinsWhereverItIsInTheHistory() {
        // Flink 2.x: newest failure first is not guaranteed; the timestamps say which is newest
        JsonNode answer =
                history(
                        entry(1_000, printed(new IOException("first failure"))),
                        entry(
                                3_000,
                                printed(
                                        new RuntimeException(
                                                "Recovery is suppressed by"
                                                        + " FixedDelayRestartBackoffTimeStrategy",
                                                new StreamJobFailure(
                                                        REASON,
                                                        new ConnectException(
                                                                "Connection refused"))))),
                        entry(2_000, printed(new IllegalStateException("older"))));

        assertThat(FlinkRestClient.failureReason(answer)).contains(REASON);
    }

    @Test
    void otherwiseTheNewestFailuresFirstLine() {
        JsonNode answer =
                history(
                        entry(1_000, printed(new IOException("older failure"))),
                        entry(2_000, printed(new IllegalStateException("newest failure"))));

        assertThat(FlinkRestClient.failureReason(answer))
                .contains("java.lang.IllegalStateException: newest failure");
    }

    @Test
    void flinkOnesRootException() {
        ObjectNode answer = JSON.createObjectNode();
        answer.put("root-exception", printed(new StreamJobFailure(REASON, null)));

        assertThat(FlinkRestClient.failureReason(answer)).contains(REASON);
    }

    @Test
    void noFailureNoReason() {
        assertThat(FlinkRestClient.failureReason(history())).isEmpty();
        assertThat(FlinkRestClient.failureReason(JSON.createObjectNode())).isEmpty();
    }

    private static JsonNode history(ObjectNode... entries) {
        ObjectNode answer = JSON.createObjectNode();
        ObjectNode history = answer.putObject("exceptionHistory");
        ArrayNode list = history.putArray("entries");
        for (ObjectNode e : entries) {
            list.add(e);
        }
        history.put("truncated", false);
        return answer;
    }

    private static ObjectNode entry(long timestamp, String stacktrace) {
        ObjectNode entry = JSON.createObjectNode();
        entry.put("exceptionName", stacktrace.lines().findFirst().orElse(""));
        entry.put("stacktrace", stacktrace);
        entry.put("timestamp", timestamp);
        entry.putArray("concurrentExceptions");
        return entry;
    }

    private static String printed(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}

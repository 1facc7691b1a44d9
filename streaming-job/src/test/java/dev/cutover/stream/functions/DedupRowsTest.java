package dev.cutover.stream.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.Test;

/** The dedup state's byte form: every field back as it was, and the first-arrival order. */
class DedupRowsTest {
    private static final Instant NOW = Instant.now();

    private static Row row(
            String id, String mcc, String country, Instant kafkaTime, int partition, long offset) {
        return Row.of(
                id,
                "acct-ü-42",
                "4111111111111111",
                mcc,
                country,
                new BigDecimal("12345678901234567.89"),
                "JPY",
                NOW.minusSeconds(3600).plusNanos(123_456_789),
                "DECLINED",
                partition,
                offset,
                kafkaTime);
    }

    @Test
    void everyFieldSurvivesTheStateForm() {
        Row full = row("t-1", "5411", "DE", NOW.plusNanos(1), 3, Long.MAX_VALUE - 1);
        Row nulls = row("t-2", null, null, NOW.minusMillis(5), 0, 0);

        assertThat(DedupRows.fromState("t-1", DedupRows.stateOf(full))).isEqualTo(full);
        assertThat(DedupRows.fromState("t-2", DedupRows.stateOf(nulls))).isEqualTo(nulls);
    }

    @Test
    void aReusedBufferGivesIndependentArrays() {
        DataOutputSerializer buffer = new DataOutputSerializer(8);
        Row a = row("t-a", "5411", "US", NOW, 1, 10);
        Row b = row("t-b", null, "FR", NOW.plusSeconds(1), 2, 20);

        byte[] first = DedupRows.stateOf(a, buffer);
        byte[] second = DedupRows.stateOf(b, buffer);

        assertThat(DedupRows.fromState("t-a", first)).isEqualTo(a);
        assertThat(DedupRows.fromState("t-b", second)).isEqualTo(b);
    }

    @Test
    void earlierComparesTimestampThenPartitionThenOffset() {
        byte[] kept = DedupRows.stateOf(row("t", "1", "US", NOW, 2, 100));

        assertThat(DedupRows.earlier(row("t", "1", "US", NOW.minusNanos(1), 3, 500), kept))
                .isTrue();
        assertThat(DedupRows.earlier(row("t", "1", "US", NOW.plusNanos(1), 0, 0), kept)).isFalse();
        assertThat(DedupRows.earlier(row("t", "1", "US", NOW, 1, 500), kept)).isTrue();
        assertThat(DedupRows.earlier(row("t", "1", "US", NOW, 3, 0), kept)).isFalse();
        assertThat(DedupRows.earlier(row("t", "1", "US", NOW, 2, 99), kept)).isTrue();
        assertThat(DedupRows.earlier(row("t", "1", "US", NOW, 2, 100), kept)).isFalse();
        assertThat(DedupRows.earlier(row("t", "1", "US", NOW, 2, 101), kept)).isFalse();
    }
}

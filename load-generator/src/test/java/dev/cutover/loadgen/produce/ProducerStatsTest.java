package dev.cutover.loadgen.produce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * The ack-latency histogram with known latencies: percentiles within HdrHistogram's 3 significant
 * digits (±0.1 %) of the exact values, failures counted, out-of-range values clamped.
 */
class ProducerStatsTest {
    private static final long MS = 1_000_000L;

    @Test
    void percentilesAreThoseOfTheLatenciesRecorded() {
        ProducerStats stats = new ProducerStats(OptionalLong.empty());
        // 1, 2, …, 1000 ms in a shuffled order: p50 500 ms, p95 950 ms, p99 990 ms, max 1000 ms
        for (int i = 0; i < 1000; i++) {
            long ms = (i * 7919L) % 1000 + 1;
            stats.acknowledged(100, ms * MS);
        }

        StatsSnapshot s = stats.snapshot();

        assertThat(s.acknowledged()).isEqualTo(1000);
        assertThat(s.bytes()).isEqualTo(100_000);
        assertThat(s.p50Millis()).isCloseTo(500, within(0.5));
        assertThat(s.p95Millis()).isCloseTo(950, within(0.95));
        assertThat(s.p99Millis()).isCloseTo(990, within(0.99));
        assertThat(s.maxMillis()).isCloseTo(1000, within(1.0));
    }

    @Test
    void aSkewedDistributionShowsInTheTail() {
        ProducerStats stats = new ProducerStats(OptionalLong.empty());
        for (int i = 0; i < 980; i++) {
            stats.acknowledged(10, 2 * MS);
        }
        for (int i = 0; i < 20; i++) {
            stats.acknowledged(10, 250 * MS); // 2 % slow acks
        }

        StatsSnapshot s = stats.snapshot();

        assertThat(s.p50Millis()).isCloseTo(2, within(0.002));
        assertThat(s.p95Millis()).isCloseTo(2, within(0.002));
        assertThat(s.p99Millis()).isCloseTo(250, within(0.25));
        assertThat(s.maxMillis()).isCloseTo(250, within(0.25));
    }

    @Test
    void failedSendsCountTheirLatencyAndOutOfRangeValuesAreClamped() {
        ProducerStats stats = new ProducerStats(OptionalLong.of(3));
        stats.failed(120_000 * MS); // a delivery timeout of 2 min
        stats.acknowledged(10, -5 * MS); // a clock step backwards: counted as 0
        stats.acknowledged(10, 3_600_000 * MS); // an hour: clamped to the histogram's 600 s

        StatsSnapshot s = stats.snapshot();

        assertThat(s.failed()).isEqualTo(1);
        assertThat(s.acknowledged()).isEqualTo(2);
        assertThat(s.p50Millis()).isCloseTo(120_000, within(120.0));
        assertThat(s.maxMillis()).isCloseTo(600_000, within(600.0));
    }
}

package dev.cutover.loadgen.produce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.loadgen.config.FaultOptions;
import dev.cutover.loadgen.config.GeneratorOptions;
import dev.cutover.loadgen.config.SchemaMix;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Pure arithmetic on an injected "now": which runs a topic keeps and accepts. */
class TimestampCheckTest {

    private static final Instant NOW = Instant.parse("2031-05-05T12:34:56Z");
    private static final TopicLimits DEFAULTS = TopicLimits.kafkaDefaults("t");
    private static final TopicLimits ONE_DAY =
            new TopicLimits(
                    "t",
                    Optional.of(Duration.ofDays(1)),
                    Duration.ofHours(1),
                    Duration.ofMillis(Long.MAX_VALUE),
                    false);

    @Test
    void aStartPastRetentionIsRefusedWithTheWindowThatWouldFit() {
        GeneratorOptions run = events(1_000, NOW.minus(Duration.ofDays(3)), 0, 1);

        assertThatThrownBy(() -> TimestampCheck.check(run, ONE_DAY, NOW))
                .isInstanceOfSatisfying(
                        TimestampCheck.OutOfRange.class,
                        e -> {
                            assertThat(e.getMessage())
                                    .isEqualTo(
                                            "topic t keeps records for 1d (retention.ms 86400000):"
                                                    + " the run's oldest record would be stamped"
                                                    + " 2031-05-02T12:34:56Z, older than that when"
                                                    + " it is sent, before any pipeline could read"
                                                    + " it");
                            // retention 1 d less a margin of 1 h, rounded up to the minute
                            assertThat(e.earliestStart())
                                    .contains(Instant.parse("2031-05-04T13:35:00Z"));
                            assertThat(e.latestStart())
                                    .contains(Instant.parse("2031-05-05T13:29:00Z"));
                        });
    }

    @Test
    void aStartJustInsideRetentionButWithinTheMarginIsRefused() {
        GeneratorOptions run = events(10, NOW.minus(Duration.ofHours(23).plusMinutes(30)), 0, 1);

        assertThatThrownBy(() -> TimestampCheck.check(run, ONE_DAY, NOW))
                .hasMessageContaining("which Kafka deletes less than 1h after it is sent");
    }

    @Test
    void aStartInsideRetentionPasses() {
        assertThat(
                        TimestampCheck.check(
                                events(1_000, NOW.minus(Duration.ofHours(2)), 0, 1), ONE_DAY, NOW))
                .isEmpty();
    }

    @Test
    void aSimulatedClockRunningPastTheFutureLimitIsRefused() {
        // 50,000 records 3.6 simulated seconds apart from two hours ago: the last is 48 h ahead.
        GeneratorOptions run = events(50_000, NOW.minus(Duration.ofHours(2)), 0, 3600);

        assertThatThrownBy(() -> TimestampCheck.check(run, DEFAULTS, NOW))
                .isInstanceOfSatisfying(
                        TimestampCheck.OutOfRange.class,
                        e -> {
                            assertThat(e.getMessage())
                                    .isEqualTo(
                                            "topic t rejects timestamps more than 1h ahead of the"
                                                    + " broker's clock"
                                                    + " (message.timestamp.after.max.ms 3600000):"
                                                    + " record 49999 would be stamped"
                                                    + " 2031-05-07T12:34:52Z and sent around"
                                                    + " 2031-05-05T12:34:56Z");
                            // 55 min ahead (5 min margin) less the run's 49,999 × 3.6 s
                            assertThat(e.latestStart())
                                    .contains(Instant.parse("2031-05-03T11:29:00Z"));
                        });
    }

    @Test
    void aRealTimeRunLongerThanTheFutureLimitPasses() {
        // Two hours at 100 records/s on the real clock: every record is stamped as it is sent.
        GeneratorOptions run =
                new GeneratorOptions(
                        1,
                        100,
                        1.1,
                        new SchemaMix(0.3),
                        NOW,
                        1,
                        100,
                        GeneratorOptions.DEFAULT_NOMINAL_RATE,
                        OptionalLong.empty(),
                        Optional.of(Duration.ofHours(2)),
                        1,
                        FaultOptions.none(),
                        Duration.ofMinutes(10));

        assertThat(TimestampCheck.check(run, DEFAULTS, NOW)).isEmpty();
    }

    @Test
    void anUnthrottledRunForADurationIsCappedAtTheFutureLimit() {
        GeneratorOptions run =
                new GeneratorOptions(
                        1,
                        100,
                        1.1,
                        new SchemaMix(0.3),
                        NOW,
                        1,
                        0,
                        1000,
                        OptionalLong.empty(),
                        Optional.of(Duration.ofMinutes(10)),
                        1,
                        FaultOptions.none(),
                        Duration.ofMinutes(10));

        // 1 simulated ms apart: 55 minutes of them, and the first.
        assertThat(TimestampCheck.check(run, DEFAULTS, NOW)).hasValue(3_300_001);
    }

    @Test
    void recordsOfAnyAgeFitATopicThatKeepsThemForever() {
        TopicLimits forever =
                new TopicLimits(
                        "t",
                        Optional.empty(),
                        Duration.ofHours(1),
                        Duration.ofMillis(Long.MAX_VALUE),
                        false);

        assertThat(
                        TimestampCheck.check(
                                events(1_000, NOW.minus(Duration.ofDays(30)), 0, 1), forever, NOW))
                .isEmpty();
    }

    @Test
    void theBrokersLimitOnOldTimestampsApplies() {
        TopicLimits dayBehind =
                new TopicLimits(
                        "t", Optional.empty(), Duration.ofHours(1), Duration.ofDays(1), false);

        assertThatThrownBy(
                        () ->
                                TimestampCheck.check(
                                        events(10, NOW.minus(Duration.ofDays(2)), 0, 1),
                                        dayBehind,
                                        NOW))
                .hasMessageContaining("message.timestamp.before.max.ms 86400000");
    }

    @Test
    void aTopicStampedByTheBrokerRefusesASimulatedClockOnly() {
        TopicLimits appendTime =
                new TopicLimits(
                        "t",
                        Optional.of(Duration.ofDays(7)),
                        Duration.ofHours(1),
                        Duration.ofMillis(Long.MAX_VALUE),
                        true);

        assertThat(TimestampCheck.check(events(10, NOW, 100, 1), appendTime, NOW)).isEmpty();
        assertThatThrownBy(() -> TimestampCheck.check(events(10, NOW, 100, 60), appendTime, NOW))
                .hasMessageContaining("message.timestamp.type LogAppendTime");
    }

    @Test
    void marginsAreATenthOfTheLimitAtMostAnHourOrFiveMinutes() {
        assertThat(TimestampCheck.retentionMargin(Duration.ofDays(7)))
                .isEqualTo(Duration.ofHours(1));
        assertThat(TimestampCheck.retentionMargin(Duration.ofHours(1)))
                .isEqualTo(Duration.ofMinutes(6));
        assertThat(TimestampCheck.futureMargin(Duration.ofHours(1)))
                .isEqualTo(Duration.ofMinutes(5));
        assertThat(TimestampCheck.futureMargin(Duration.ofMinutes(10)))
                .isEqualTo(Duration.ofMinutes(1));
    }

    private static GeneratorOptions events(long n, Instant start, double rate, double speedup) {
        return GeneratorOptions.defaults(1, n, start).withRate(rate).withSpeedup(speedup);
    }
}

package dev.cutover.parity.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BatchScheduleTest {
    private static final Instant START = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void oneRunPerHourDueAtItsCutoffTheFirstCoveringTheHoursLateEventsFallInto() {
        BatchSchedule schedule =
                BatchSchedule.of(START, 3, Duration.ofHours(2), Duration.ofMinutes(10));

        assertThat(schedule.runs())
                .extracting(
                        BatchSchedule.Run::from, BatchSchedule.Run::to, BatchSchedule.Run::cutoff)
                .map(t -> t.toList().toString())
                .containsExactly(
                        "[2026-11-23T07:00:00Z, 2026-11-23T11:00:00Z, 2026-11-23T11:10:00Z]",
                        "[2026-11-23T11:00:00Z, 2026-11-23T12:00:00Z, 2026-11-23T12:10:00Z]",
                        "[2026-11-23T12:00:00Z, 2026-11-23T13:00:00Z, 2026-11-23T13:10:00Z]");
        assertThat(schedule.runs().get(1).singleHour()).isTrue();
        assertThat(schedule.runs().get(0).singleHour()).isFalse();
    }

    @Test
    void pendingRunsMergeIntoOneRange() {
        BatchSchedule schedule =
                BatchSchedule.of(START, 3, Duration.ofMinutes(30), Duration.ofMinutes(10));

        BatchSchedule.Run merged = BatchSchedule.merge(schedule.runs().subList(1, 3));

        assertThat(merged.from()).isEqualTo(Instant.parse("2026-11-23T11:00:00Z"));
        assertThat(merged.to()).isEqualTo(Instant.parse("2026-11-23T13:00:00Z"));
        assertThat(merged.cutoff()).isEqualTo(Instant.parse("2026-11-23T13:10:00Z"));
        assertThat(schedule.runs().get(0).from()).isEqualTo(Instant.parse("2026-11-23T09:00:00Z"));
    }
}

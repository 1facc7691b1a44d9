package dev.cutover.model.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventHoursTest {
    private static final Duration GRACE = Duration.ofMinutes(10);

    @Test
    void hourIsHalfOpenInUtc() {
        assertThat(EventHours.hourStart(Instant.parse("2026-11-23T10:00:00Z")))
                .isEqualTo(Instant.parse("2026-11-23T10:00:00Z"));
        assertThat(EventHours.hourStart(Instant.parse("2026-11-23T10:59:59.999Z")))
                .isEqualTo(Instant.parse("2026-11-23T10:00:00Z"));
        assertThat(EventHours.hourStart(Instant.parse("2026-11-23T11:00:00Z")))
                .isEqualTo(Instant.parse("2026-11-23T11:00:00Z"));
    }

    @Test
    void batchSeesArrivalsStrictlyBeforeHourEndPlusGrace() {
        Instant event = Instant.parse("2026-11-23T10:30:00Z");
        assertThat(EventHours.batchCutoff(Instant.parse("2026-11-23T10:00:00Z"), GRACE))
                .isEqualTo(Instant.parse("2026-11-23T11:10:00Z"));
        assertThat(
                        EventHours.arrivesBeforeCutoff(
                                event, Instant.parse("2026-11-23T11:09:59.999Z"), GRACE))
                .isTrue();
        assertThat(
                        EventHours.arrivesBeforeCutoff(
                                event, Instant.parse("2026-11-23T11:10:00Z"), GRACE))
                .isFalse();
    }
}

package dev.cutover.recon.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RunHistoryTest {
    private static final Instant H = Instant.parse("2026-11-23T10:00:00Z");

    private static Instant hour(int n) {
        return H.plusSeconds(3600L * n);
    }

    @Test
    void countsCleanHoursBackFromTheLatest() {
        Map<Instant, Long> hours =
                new TreeMap<>(Map.of(hour(0), 0L, hour(1), 3L, hour(2), 0L, hour(3), 0L));
        assertThat(RunHistory.streak(hours)).isEqualTo(2);
    }

    @Test
    void aMissingHourEndsTheStreak() {
        Map<Instant, Long> hours = new TreeMap<>(Map.of(hour(0), 0L, hour(2), 0L, hour(3), 0L));
        assertThat(RunHistory.streak(hours)).isEqualTo(2);
    }

    @Test
    void aDirtyLatestHourMeansNone() {
        assertThat(RunHistory.streak(new TreeMap<>(Map.of(hour(0), 0L, hour(1), 1L)))).isZero();
        assertThat(RunHistory.streak(new TreeMap<>())).isZero();
    }
}

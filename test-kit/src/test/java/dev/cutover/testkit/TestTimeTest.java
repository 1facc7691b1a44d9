package dev.cutover.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

class TestTimeTest {

    @Test
    void hourStartIsAWholeUtcHourThatManyHoursBeforeTheCurrentOne() {
        Instant before = Instant.now();
        Instant start = TestTime.hourStart(3);
        Instant after = Instant.now();

        assertThat(start.truncatedTo(ChronoUnit.HOURS)).isEqualTo(start);
        // whichever side of an hour boundary the call fell on
        assertThat(start)
                .isBetween(
                        before.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(3)),
                        after.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(3)));
    }

    @Test
    void zeroIsTheCurrentHourAndNegativeIsRefused() {
        Instant before = Instant.now();
        Instant start = TestTime.hourStart(0);

        assertThat(start).isBetween(before.truncatedTo(ChronoUnit.HOURS), Instant.now());
        assertThatThrownBy(() -> TestTime.hourStart(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }
}

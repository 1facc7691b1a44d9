package dev.cutover.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void shortFormsAndIsoAndZero() {
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(Durations.parse(" 6H ")).isEqualTo(Duration.ofHours(6));
        assertThat(Durations.parse("2d")).isEqualTo(Duration.ofDays(2));
        assertThat(Durations.parse("PT1M30S")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("0")).isZero();
    }

    @Test
    void formatIsTheShortestFormParseReadsBack() {
        for (String text : new String[] {"0", "1500ms", "45s", "10m", "6h", "2d", "90s"}) {
            assertThat(Durations.format(Durations.parse(text))).isEqualTo(text);
        }
        assertThat(Durations.format(Duration.ofMinutes(120))).isEqualTo("2h");
    }

    @Test
    void badTextSaysWhatIsExpected() {
        assertThatThrownBy(() -> Durations.parse("10")).hasMessageContaining("needs a unit");
        assertThatThrownBy(() -> Durations.parse("soon")).hasMessageContaining("e.g. 500ms");
        assertThatThrownBy(() -> Durations.parse("-PT1M")).hasMessageContaining("not a duration");
        assertThatThrownBy(() -> Durations.parse("PT-1M")).hasMessageContaining("negative");
        assertThatThrownBy(() -> Durations.parse(null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

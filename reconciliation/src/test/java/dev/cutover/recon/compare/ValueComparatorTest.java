package dev.cutover.recon.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.recon.ReconException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValueComparatorTest {
    private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");

    private static BigDecimal n(String value) {
        return new BigDecimal(value);
    }

    @Test
    void numbersCompareByValueWhateverTheirScale() {
        assertThat(ValueComparator.equal(n("12.50"), n("12.5"), null)).isTrue();
        assertThat(ValueComparator.equal(n("12"), n("12.000"), null)).isTrue();
        assertThat(ValueComparator.equal(n("12.5"), n("12.51"), null)).isFalse();
    }

    @Test
    void absoluteToleranceIncludesItsBound() {
        Tolerance cent = Tolerance.parse("0.01", "t");
        assertThat(ValueComparator.equal(n("10.00"), n("10.01"), cent)).isTrue();
        assertThat(ValueComparator.equal(n("10.00"), n("9.99"), cent)).isTrue();
        assertThat(ValueComparator.equal(n("10.00"), n("10.011"), cent)).isFalse();
    }

    @Test
    void relativeToleranceScalesWithTheLargerMagnitude() {
        Tolerance rel = Tolerance.parse("rel:0.001", "t");
        assertThat(ValueComparator.equal(n("1000"), n("1001"), rel)).isTrue();
        assertThat(ValueComparator.equal(n("1000"), n("1002"), rel)).isFalse();
        assertThat(ValueComparator.equal(n("0"), n("0.0001"), rel)).isFalse();
        assertThat(ValueComparator.equal(n("-5"), n("-5.004"), rel)).isTrue();
    }

    @Test
    void instantsCompareWithADurationTolerance() {
        Tolerance ms = Tolerance.parse("1ms", "t");
        assertThat(ValueComparator.equal(T, T.plusNanos(999_000), ms)).isTrue();
        assertThat(ValueComparator.equal(T, T.plusNanos(1_000_001), ms)).isFalse();
        assertThat(ValueComparator.equal(T, T.plusNanos(1), null)).isFalse();
    }

    @Test
    void nullEqualsOnlyNull() {
        assertThat(ValueComparator.equal(null, null, null)).isTrue();
        assertThat(ValueComparator.equal(null, n("0"), null)).isFalse();
        assertThat(ValueComparator.equal("", null, null)).isFalse();
        assertThat(ValueComparator.equal(null, T, Tolerance.parse("1h", "t"))).isFalse();
    }

    @Test
    void crossTypeValuesCompareByMeaning() {
        assertThat(ValueComparator.equal(n("42"), "42.00", null)).isFalse();
        assertThat(ValueComparator.equal(n("42.00"), "42", null)).isTrue();
        assertThat(ValueComparator.equal(Boolean.TRUE, Boolean.TRUE, null)).isTrue();
        assertThat(ValueComparator.equal(Double.NaN, Double.NaN, null)).isTrue();
        assertThat(ValueComparator.equal(Double.POSITIVE_INFINITY, n("1"), null)).isFalse();
    }

    @Test
    void valuesReadFromTextKeepTheirExactValue() {
        assertThat(Values.number("0.30000000000000004")).isEqualTo(n("0.30000000000000004"));
        assertThat(Values.number("NaN")).isEqualTo(Double.NaN);
        assertThat(Values.number("-Infinity")).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void tolerancesParseEveryForm() {
        assertThat(
                        Tolerances.parse(
                                List.of(
                                        "amount_usd=0.01",
                                        "r=rel:0.0001",
                                        "event_time=1ms",
                                        "x=2s",
                                        "y=250us")))
                .isEqualTo(
                        Map.of(
                                "amount_usd", new Tolerance.Absolute(n("0.01")),
                                "r", new Tolerance.Relative(n("0.0001")),
                                "event_time", new Tolerance.Time(Duration.ofMillis(1)),
                                "x", new Tolerance.Time(Duration.ofSeconds(2)),
                                "y", new Tolerance.Time(Duration.ofNanos(250_000))));
    }

    @Test
    void badTolerancesAreBadInputNamingTheColumn() {
        assertThatThrownBy(() -> Tolerances.parse(List.of("amount_usd=abc")))
                .isInstanceOf(ReconException.class)
                .hasMessageContaining("--tolerance amount_usd: bad tolerance 'abc'");
        assertThatThrownBy(() -> Tolerances.parse(List.of("amount_usd=-1")))
                .hasMessageContaining("negative");
        assertThatThrownBy(() -> Tolerances.parse(List.of("noequals")))
                .hasMessageContaining("expected column=value");
        assertThatThrownBy(() -> Tolerances.parse(List.of("a=rel:x")))
                .hasMessageContaining("bad tolerance");
    }
}

package dev.cutover.stream.udf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.model.rules.FxRates;
import java.math.BigDecimal;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The test-only defect {@code fx-round-down} against the model's HALF_EVEN rule. */
class ToUsdRoundedDownTest {
    private final ToUsdRoundedDown defect = new ToUsdRoundedDown();

    @Test
    void roundsDownWhereTheModelRoundsHalfEven() {
        // 3.00 EUR = 3.255 USD: the model gives 3.26, the defect 3.25
        assertThat(defect.eval(new BigDecimal("3.00"), "EUR")).isEqualByComparingTo("3.25");
        assertThat(FxRates.toUsd(new BigDecimal("3.00"), "EUR")).isEqualByComparingTo("3.26");
        // exact and USD amounts are the same either way
        assertThat(defect.eval(new BigDecimal("2.00"), "GBP")).isEqualByComparingTo("2.54");
        assertThat(defect.eval(new BigDecimal("12.34"), "USD")).isEqualByComparingTo("12.34");
        assertThat(defect.eval(null, "EUR")).isNull();
    }

    @Test
    void aboutHalfOfTheNonUsdAmountsDifferByOneCentDown() {
        Random random = new Random(7);
        int compared = 0;
        int differ = 0;
        for (String currency : List.of("EUR", "GBP", "CAD", "JPY", "MXN")) {
            for (int i = 0; i < 2_000; i++) {
                BigDecimal amount = BigDecimal.valueOf(random.nextInt(1_000_000), 2);
                BigDecimal model = FxRates.toUsd(amount, currency);
                BigDecimal wrong = defect.eval(amount, currency);
                compared++;
                if (wrong.compareTo(model) != 0) {
                    differ++;
                    assertThat(model.subtract(wrong)).isEqualByComparingTo("0.01");
                }
            }
        }
        assertThat((double) differ / compared).isBetween(0.35, 0.65);
    }
}

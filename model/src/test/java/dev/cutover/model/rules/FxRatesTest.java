package dev.cutover.model.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FxRatesTest {
    @ParameterizedTest(name = "{0} {1} = {2} USD")
    @CsvSource({
        "19.99, USD, 19.99",
        "100.00, EUR, 108.50",
        "10.05, EUR, 10.90", // 10.904250
        "0.25, GBP, 0.32", // 0.3175
        "150.00, JPY, 1.00", // 1.005: HALF_EVEN keeps the even 0, HALF_UP would give 1.01
        "12.50, CAD, 9.12", // 9.125 -> 9.12
        "13.50, CAD, 9.86", // 9.855 -> 9.86
        "1000.00, MXN, 55.00",
        "0.00, EUR, 0.00",
        "-20.00, EUR, -21.70"
    })
    void convertsWithTheFixedTableAndHalfEven(String amount, String currency, String usd) {
        BigDecimal result = FxRates.toUsd(new BigDecimal(amount), currency);
        assertThat(result).isEqualTo(new BigDecimal(usd));
        assertThat(result.scale()).isEqualTo(2);
    }

    @Test
    void unknownCurrencyIsRejectedByName() {
        assertThatThrownBy(() -> FxRates.toUsd(BigDecimal.ONE, "XYZ"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("XYZ");
        assertThat(FxRates.isSupported("XYZ")).isFalse();
        assertThat(FxRates.isSupported("JPY")).isTrue();
    }

    @Test
    void nullAmountStaysNull() {
        assertThat(FxRates.toUsd(null, "USD")).isNull();
    }
}

package dev.cutover.model.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class MerchantCategoriesTest {
    @ParameterizedTest
    @CsvSource({
        "3000, TRAVEL",
        "3501, TRAVEL",
        "4111, TRANSPORT",
        "4121, TRANSPORT",
        "4814, UTILITIES",
        "4900, UTILITIES",
        "5411, GROCERY",
        "5499, GROCERY",
        "5541, FUEL",
        "5542, FUEL",
        "5812, DINING",
        "5814, DINING",
        "5912, HEALTH",
        "8062, HEALTH",
        "6011, CASH",
        "5311, RETAIL",
        "5732, RETAIL",
        "7832, ENTERTAINMENT",
        "7011, SERVICES",
        "8111, PROFESSIONAL",
        "9399, GOVERNMENT",
        "1520, OTHER",
        "0742, OTHER"
    })
    void mapsCodeRanges(String mcc, String category) {
        assertThat(MerchantCategories.of(mcc)).isEqualTo(category);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "541", "54111", "54a1", " 5411"})
    void malformedCodesAreUnknown(String mcc) {
        assertThat(MerchantCategories.of(mcc)).isEqualTo(MerchantCategories.UNKNOWN);
    }
}

package dev.cutover.model.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InternationalTest {
    @ParameterizedTest
    @CsvSource(
            value = {"US, false", "us, false", "GB, true", "MX, true", "'', false", "NULL, false"},
            nullValues = "NULL")
    void merchantOutsideTheIssuerCountryIsInternational(String country, boolean international) {
        assertThat(International.isInternational(country)).isEqualTo(international);
    }
}

package dev.cutover.model.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CardMaskingTest {
    @ParameterizedTest
    @CsvSource({
        "4000056655665556, 400005******5556",
        "378282246310005, 378282*****0005",
        "4222222222222, 422222***2222",
        "6011000990139424123, 601100*********4123",
        "123456789012, 123456**9012"
    })
    void keepsFirstSixAndLastFour(String pan, String masked) {
        assertThat(CardMasking.mask(pan)).isEqualTo(masked);
    }

    @ParameterizedTest
    @CsvSource({"12345678901, ***********", "4000-0566-5566-5556, *******************", "abc, ***"})
    void masksMalformedValuesEntirely(String pan, String masked) {
        assertThat(CardMasking.mask(pan)).isEqualTo(masked);
    }

    @Test
    void nullStaysNull() {
        assertThat(CardMasking.mask(null)).isNull();
    }
}

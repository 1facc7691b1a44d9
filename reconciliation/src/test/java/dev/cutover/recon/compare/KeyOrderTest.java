package dev.cutover.recon.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyOrderTest {
    @Test
    void textOrdersByUtf8BytesAsCollationCDoes() {
        List<String> keys =
                new ArrayList<>(
                        List.of(
                                "b", "B", "a", "A", "a-1", "a_1", "a.1", "a 1", "é", "z", "😀",
                                "\uFFFD", "ключ", ""));
        List<String> byBytes = new ArrayList<>(keys);
        byBytes.sort(
                (x, y) ->
                        Arrays.compareUnsigned(
                                x.getBytes(StandardCharsets.UTF_8),
                                y.getBytes(StandardCharsets.UTF_8)));

        keys.sort((x, y) -> KeyOrder.compareCodePoints(x, y));

        assertThat(keys).isEqualTo(byBytes);
        assertThat(keys.indexOf("\uFFFD")).isLessThan(keys.indexOf("😀"));
        assertThat(keys.get(0)).isEmpty();
        assertThat(keys.indexOf("A")).isLessThan(keys.indexOf("a"));
    }

    @Test
    void javasUtf16OrderWouldDisagreeAboveTheBasicPlane() {
        assertThat("😀".compareTo("\uFFFD")).isNegative();
        assertThat(KeyOrder.compareCodePoints("😀", "\uFFFD")).isPositive();
    }

    @Test
    void compositeKeysCompareColumnByColumnWithTypedValues() {
        Object[] a = {"acct-1", Instant.parse("2026-11-23T10:00:00Z")};
        Object[] b = {"acct-1", Instant.parse("2026-11-23T11:00:00Z")};
        Object[] c = {"acct-10", Instant.parse("2026-11-23T09:00:00Z")};
        assertThat(KeyOrder.INSTANCE.compare(a, b)).isNegative();
        assertThat(KeyOrder.INSTANCE.compare(b, c)).isNegative();
        assertThat(
                        KeyOrder.INSTANCE.compare(
                                new Object[] {new BigDecimal("9")},
                                new Object[] {new BigDecimal("10.0")}))
                .isNegative();
        assertThat(
                        KeyOrder.INSTANCE.compare(
                                new Object[] {new BigDecimal("10")},
                                new Object[] {new BigDecimal("10.0")}))
                .isZero();
    }
}

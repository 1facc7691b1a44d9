package dev.cutover.model.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/**
 * Converts amounts to US dollars with a fixed rate table, so both pipelines and the ground truth
 * compute the very same {@code amount_usd}. The rates are a documented constant (USD per one unit
 * of the currency), not market data: parity needs determinism, not today's price.
 *
 * <table>
 *   <caption>USD per unit</caption>
 *   <tr><td>USD</td><td>1</td></tr>
 *   <tr><td>EUR</td><td>1.0850</td></tr>
 *   <tr><td>GBP</td><td>1.2700</td></tr>
 *   <tr><td>CAD</td><td>0.7300</td></tr>
 *   <tr><td>JPY</td><td>0.006700</td></tr>
 *   <tr><td>MXN</td><td>0.055000</td></tr>
 * </table>
 *
 * <p>{@code amount_usd = round(amount × rate, 2 decimals, HALF_EVEN)}, stored as NUMERIC(18,2).
 */
public final class FxRates {
    public static final int USD_SCALE = 2;
    public static final RoundingMode ROUNDING = RoundingMode.HALF_EVEN;

    private static final Map<String, BigDecimal> USD_PER_UNIT =
            Map.of(
                    "USD", new BigDecimal("1"),
                    "EUR", new BigDecimal("1.0850"),
                    "GBP", new BigDecimal("1.2700"),
                    "CAD", new BigDecimal("0.7300"),
                    "JPY", new BigDecimal("0.006700"),
                    "MXN", new BigDecimal("0.055000"));

    private FxRates() {}

    /** The rate for an ISO 4217 code. */
    public static BigDecimal usdPerUnit(String currency) {
        BigDecimal rate = currency == null ? null : USD_PER_UNIT.get(currency);
        if (rate == null) {
            throw new IllegalArgumentException("no USD rate for currency " + currency);
        }
        return rate;
    }

    /** {@code amount} in {@code currency} as US dollars, 2 decimals, HALF_EVEN. */
    public static BigDecimal toUsd(BigDecimal amount, String currency) {
        if (amount == null) {
            return null;
        }
        return amount.multiply(usdPerUnit(currency)).setScale(USD_SCALE, ROUNDING);
    }

    public static boolean isSupported(String currency) {
        return currency != null && USD_PER_UNIT.containsKey(currency);
    }
}

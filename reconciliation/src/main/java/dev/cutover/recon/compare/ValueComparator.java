package dev.cutover.recon.compare;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Equality of two values by meaning: numbers by value whatever their SQL type, instants as UTC
 * instants, NULL equal only to NULL, within a column's {@link Tolerance} when it has one. Values
 * come normalised by {@link Values}: {@link BigDecimal}, {@link Double} (only NaN and infinities),
 * {@link Instant}, {@link Boolean} or {@link String}.
 */
public final class ValueComparator {
    private ValueComparator() {}

    public static boolean equal(Object left, Object right, Tolerance tolerance) {
        if (left == null || right == null) {
            return left == null && right == null;
        }
        if (left instanceof BigDecimal a && right instanceof BigDecimal b) {
            return numbersEqual(a, b, tolerance);
        }
        if (left instanceof Instant a && right instanceof Instant b) {
            return instantsEqual(a, b, tolerance);
        }
        if (left instanceof String || right instanceof String) {
            return text(left).equals(text(right));
        }
        return Objects.equals(left, right);
    }

    static boolean numbersEqual(BigDecimal a, BigDecimal b, Tolerance tolerance) {
        if (a.compareTo(b) == 0) {
            return true;
        }
        BigDecimal difference = a.subtract(b).abs();
        if (tolerance instanceof Tolerance.Absolute absolute) {
            return difference.compareTo(absolute.amount()) <= 0;
        }
        if (tolerance instanceof Tolerance.Relative relative) {
            BigDecimal larger = a.abs().max(b.abs());
            return difference.compareTo(relative.fraction().multiply(larger)) <= 0;
        }
        return false;
    }

    static boolean instantsEqual(Instant a, Instant b, Tolerance tolerance) {
        if (a.equals(b)) {
            return true;
        }
        if (tolerance instanceof Tolerance.Time time) {
            return Duration.between(a, b).abs().compareTo(time.amount()) <= 0;
        }
        return false;
    }

    private static String text(Object value) {
        return value instanceof BigDecimal number
                ? number.stripTrailingZeros().toPlainString()
                : String.valueOf(value);
    }
}

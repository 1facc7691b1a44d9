package dev.cutover.recon.compare;

import dev.cutover.recon.ReconException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How far two values of one column may be apart and still be equal: {@code 0.01} (absolute), {@code
 * rel:0.0001} (relative to the larger magnitude), or a duration such as {@code 1ms}.
 */
public sealed interface Tolerance {
    /** {@code |a - b| <= amount}. */
    record Absolute(BigDecimal amount) implements Tolerance {}

    /** {@code |a - b| <= fraction * max(|a|, |b|)}. */
    record Relative(BigDecimal fraction) implements Tolerance {}

    /** Two instants at most {@code amount} apart. */
    record Time(Duration amount) implements Tolerance {}

    Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

    /** Parses the part after {@code column=}; a bad-input error names {@code where}. */
    static Tolerance parse(String text, String where) {
        String value = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        try {
            if (value.startsWith("rel:")) {
                BigDecimal fraction = new BigDecimal(value.substring(4));
                requireNonNegative(fraction, where, text);
                return new Relative(fraction);
            }
            Matcher duration = DURATION.matcher(value);
            if (duration.matches()) {
                return new Time(duration(new BigDecimal(duration.group(1)), duration.group(2)));
            }
            BigDecimal amount = new BigDecimal(value);
            requireNonNegative(amount, where, text);
            return new Absolute(amount);
        } catch (NumberFormatException | ArithmeticException e) {
            throw ReconException.badInput(
                    where
                            + ": bad tolerance '"
                            + text
                            + "' (expected a number, rel:FRACTION or a duration like 1ms)");
        }
    }

    private static void requireNonNegative(BigDecimal amount, String where, String text) {
        if (amount.signum() < 0) {
            throw ReconException.badInput(where + ": tolerance '" + text + "' is negative");
        }
    }

    private static Duration duration(BigDecimal amount, String unit) {
        BigDecimal nanosPerUnit =
                switch (unit) {
                    case "ns" -> BigDecimal.ONE;
                    case "us", "µs" -> BigDecimal.valueOf(1_000L);
                    case "ms" -> BigDecimal.valueOf(1_000_000L);
                    case "s" -> BigDecimal.valueOf(1_000_000_000L);
                    case "m" -> BigDecimal.valueOf(60_000_000_000L);
                    default -> BigDecimal.valueOf(3_600_000_000_000L);
                };
        return Duration.ofNanos(amount.multiply(nanosPerUnit).longValueExact());
    }

    /** The tolerance as given on the command line. */
    default String describe() {
        if (this instanceof Absolute a) {
            return a.amount().toPlainString();
        }
        if (this instanceof Relative r) {
            return "rel:" + r.fraction().toPlainString();
        }
        return ((Time) this).amount().toString();
    }
}

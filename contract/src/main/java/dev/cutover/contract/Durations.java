package dev.cutover.contract;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one duration syntax of every flag, YAML key and job option: a whole number with a unit
 * ({@code 500ms}, {@code 30s}, {@code 10m}, {@code 6h}, {@code 2d}), {@code 0}, or ISO-8601 ({@code
 * PT10M}). Never negative.
 */
public final class Durations {
    private static final Pattern SHORT = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private Durations() {}

    /**
     * @throws IllegalArgumentException saying what is wrong and what is expected
     */
    public static Duration parse(String text) {
        String value = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (value.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = SHORT.matcher(value);
        if (m.matches()) {
            long n;
            try {
                n = Long.parseLong(m.group(1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a duration (too long): " + text);
            }
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        if (value.startsWith("p")) {
            Duration duration;
            try {
                duration = Duration.parse(value.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(expected(text));
            }
            if (duration.isNegative()) {
                throw new IllegalArgumentException("a duration must not be negative: " + text);
            }
            return duration;
        }
        if (value.matches("\\d+")) {
            throw new IllegalArgumentException(
                    "a duration needs a unit (ms, s, m, h, d): '" + text + "'");
        }
        throw new IllegalArgumentException(expected(text));
    }

    /**
     * The shortest exact form {@link #parse} reads back: {@code 10m}, {@code 1500ms}, {@code 0}.
     */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis == 0) {
            return "0";
        }
        long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1_000L};
        String[] units = {"d", "h", "m", "s"};
        for (int i = 0; i < sizes.length; i++) {
            if (millis % sizes[i] == 0) {
                return millis / sizes[i] + units[i];
            }
        }
        return millis + "ms";
    }

    private static String expected(String text) {
        return "not a duration: '" + text + "' (e.g. 500ms, 30s, 10m, 6h, 2d or PT10M)";
    }
}

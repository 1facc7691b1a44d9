package dev.cutover.stream.config;

import java.time.Duration;
import java.util.Locale;

/** Parses {@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h}, {@code 2d}, {@code 0} or ISO-8601. */
public final class Durations {
    private Durations() {}

    public static Duration parse(String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        if (value.startsWith("p")) {
            try {
                return nonNegative(Duration.parse(text.strip()), text);
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("not a duration: " + text);
            }
        }
        String[][] units = {{"ms", "millis"}, {"s", "s"}, {"m", "m"}, {"h", "h"}, {"d", "d"}};
        try {
            if (value.matches("\\d+")) {
                long n = Long.parseLong(value);
                if (n == 0) {
                    return Duration.ZERO;
                }
                throw new IllegalArgumentException(
                        "a duration needs a unit (ms, s, m, h, d): " + text);
            }
            for (String[] unit : units) {
                if (value.endsWith(unit[0])
                        && value.substring(0, value.length() - unit[0].length()).matches("\\d+")) {
                    long n = Long.parseLong(value.substring(0, value.length() - unit[0].length()));
                    return switch (unit[0]) {
                        case "ms" -> Duration.ofMillis(n);
                        case "s" -> Duration.ofSeconds(n);
                        case "m" -> Duration.ofMinutes(n);
                        case "h" -> Duration.ofHours(n);
                        default -> Duration.ofDays(n);
                    };
                }
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new IllegalArgumentException("not a duration (e.g. 500ms, 10s, 5m, 1h): " + text);
    }

    private static Duration nonNegative(Duration d, String text) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("negative duration: " + text);
        }
        return d;
    }

    /** The Flink configuration form of a duration: {@code 1500 ms}. */
    public static String flink(Duration d) {
        return d.toMillis() + " ms";
    }
}

package dev.cutover.loadgen.config;

import java.time.Duration;
import java.util.Locale;

/**
 * A range of delays {@code [min, max]}, written {@code 5m..3h} on the command line (units {@code
 * ms}, {@code s}, {@code m}, {@code h}, {@code d}, or an ISO-8601 duration).
 */
public record DelayRange(Duration min, Duration max) {
    public DelayRange {
        if (min.isNegative() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException(
                    "delay range must satisfy 0 <= min <= max, got " + min + ".." + max);
        }
    }

    public static DelayRange parse(String text) {
        int dots = text.indexOf("..");
        if (dots < 0) {
            Duration single = parseDuration(text);
            return new DelayRange(single, single);
        }
        return new DelayRange(
                parseDuration(text.substring(0, dots)), parseDuration(text.substring(dots + 2)));
    }

    /**
     * {@code 250ms}, {@code 30s}, {@code 5m}, {@code 3h}, {@code 1d} or ISO-8601 ({@code PT5M}).
     */
    public static Duration parseDuration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("p")) {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            }
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            long amount = Long.parseLong(t.substring(0, t.length() - 1));
            return switch (t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                case 'd' -> Duration.ofDays(amount);
                default -> throw new IllegalArgumentException();
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "not a duration: '" + text + "' (use e.g. 500ms, 30s, 5m, 3h, 1d or PT5M)");
        }
    }

    @Override
    public String toString() {
        return min + ".." + max;
    }
}

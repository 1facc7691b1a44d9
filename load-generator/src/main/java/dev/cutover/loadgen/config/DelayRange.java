package dev.cutover.loadgen.config;

import dev.cutover.contract.Durations;
import java.time.Duration;

/**
 * A range of delays {@code [min, max]}, written {@code 5m..3h} on the command line (each in the one
 * duration syntax of {@link Durations}).
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
            Duration single = Durations.parse(text);
            return new DelayRange(single, single);
        }
        return new DelayRange(
                Durations.parse(text.substring(0, dots)),
                Durations.parse(text.substring(dots + 2)));
    }

    @Override
    public String toString() {
        return Durations.format(min) + ".." + Durations.format(max);
    }
}

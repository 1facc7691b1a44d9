package dev.cutover.cli.options;

import dev.cutover.cli.CutoverException;
import dev.cutover.loadgen.config.DelayRange;
import java.time.Duration;

/**
 * A duration option: {@code 250ms}, {@code 30s}, {@code 5m}, {@code 3h}, {@code 1d} or ISO-8601.
 */
public final class DurationOption {
    private DurationOption() {}

    /** The duration, or exit 2 naming the option (or config key) when {@code text} is not one. */
    public static Duration parse(String option, String text) {
        try {
            return DelayRange.parseDuration(text);
        } catch (IllegalArgumentException e) {
            throw CutoverException.badInput(option + ": " + e.getMessage());
        }
    }
}

package dev.cutover.cli.options;

import dev.cutover.contract.CutoverException;
import dev.cutover.contract.Durations;
import java.time.Duration;

/** A duration flag or config key, in the one syntax of {@link Durations}. */
public final class DurationOption {
    private DurationOption() {}

    /** The duration, or exit 2 naming the option (or config key) when {@code text} is not one. */
    public static Duration parse(String option, String text) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw CutoverException.badInput(option + ": " + e.getMessage());
        }
    }
}

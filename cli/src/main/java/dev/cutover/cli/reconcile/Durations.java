package dev.cutover.cli.reconcile;

import dev.cutover.cli.CutoverException;
import dev.cutover.recon.ReconException;
import dev.cutover.recon.compare.Tolerance;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * Durations on the command line: ISO-8601 ({@code PT10M}) or short ({@code 10m}, {@code 500ms}).
 */
final class Durations {
    private Durations() {}

    static Duration parse(String text, String option) {
        try {
            if (text.toUpperCase().startsWith("P")) {
                Duration duration = Duration.parse(text);
                if (!duration.isNegative()) {
                    return duration;
                }
            } else if (Tolerance.parse(text, option) instanceof Tolerance.Time time) {
                return time.amount();
            }
        } catch (DateTimeParseException | ReconException e) {
            // reported below
        }
        throw CutoverException.badInput(
                option + " " + text + ": expected a duration such as 10m, 30s or PT10M");
    }
}

package dev.cutover.loadgen.config;

import java.time.Duration;

/**
 * The faults injected, each the fraction of all generated records it applies to. A record has at
 * most one fault, so the fractions must sum to at most 1.
 *
 * @param lateFraction events whose arrival lags their event time by a delay in {@code lateDelay}
 * @param lateDelay how late a late event arrives
 * @param outOfOrderFraction events whose event time is 5 to 120 s older than their neighbours'
 * @param duplicateFraction records that resend an earlier event (same key, same value bytes)
 * @param poisonFraction undecodable values, of each {@code PoisonKind} in turn
 */
public record FaultOptions(
        double lateFraction,
        DelayRange lateDelay,
        double outOfOrderFraction,
        double duplicateFraction,
        double poisonFraction) {

    public static final DelayRange DEFAULT_LATE_DELAY =
            new DelayRange(Duration.ofMinutes(5), Duration.ofHours(3));

    public FaultOptions {
        requireFraction("--late-fraction", lateFraction);
        requireFraction("--out-of-order-fraction", outOfOrderFraction);
        requireFraction("--duplicate-fraction", duplicateFraction);
        requireFraction("--poison-fraction", poisonFraction);
        double sum = lateFraction + outOfOrderFraction + duplicateFraction + poisonFraction;
        if (sum > 1 + 1e-9) {
            throw new IllegalArgumentException(
                    "fault fractions sum to " + sum + ", more than 1 (a record has one fault)");
        }
    }

    public static FaultOptions none() {
        return new FaultOptions(0, DEFAULT_LATE_DELAY, 0, 0, 0);
    }

    static void requireFraction(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0,1], got " + value);
        }
    }
}

package dev.cutover.cli.options;

import dev.cutover.parity.LoadSettings;
import picocli.CommandLine.Option;

/**
 * The load of a parity run as flags: simulated hours at a rate and speedup, and the fault
 * fractions. Defaults are {@link LoadSettings}'s, the same as {@code cutover run}'s YAML keys.
 */
public final class LoadOptions {
    @Option(
            names = "--hours",
            paramLabel = "N",
            defaultValue = "" + LoadSettings.HOURS,
            description = "Simulated hours of load, 1 to 48 (default ${DEFAULT-VALUE}).")
    int hours;

    @Option(
            names = "--rate",
            paramLabel = "R",
            defaultValue = "" + LoadSettings.RATE,
            description = "Records per real second (default ${DEFAULT-VALUE}).")
    double rate;

    @Option(
            names = "--speedup",
            paramLabel = "K",
            defaultValue = "" + LoadSettings.SPEEDUP,
            description =
                    "Simulated seconds per real second (default ${DEFAULT-VALUE}: 3 hours in 2"
                            + " minutes).")
    double speedup;

    @Option(
            names = "--seed",
            paramLabel = "S",
            defaultValue = "" + LoadSettings.SEED,
            description =
                    "Seed: the same seed and options give the same load (default"
                            + " ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--accounts",
            paramLabel = "N",
            defaultValue = "" + LoadSettings.ACCOUNTS,
            description = "Accounts (default ${DEFAULT-VALUE}).")
    int accounts;

    @Option(
            names = "--late-fraction",
            paramLabel = "F",
            defaultValue = "" + LoadSettings.LATE_FRACTION,
            description =
                    "Share of events that arrive late, after their hour's batch may have run"
                            + " (default ${DEFAULT-VALUE}).")
    double lateFraction;

    @Option(
            names = "--late-delay",
            paramLabel = "MIN..MAX",
            defaultValue = LoadSettings.LATE_DELAY,
            description = "How late late events arrive (default ${DEFAULT-VALUE}).")
    String lateDelay;

    @Option(
            names = "--out-of-order-fraction",
            paramLabel = "F",
            defaultValue = "" + LoadSettings.OUT_OF_ORDER_FRACTION,
            description =
                    "Share of events stamped 5 s to 2 min before the records around them"
                            + " (default ${DEFAULT-VALUE}).")
    double outOfOrderFraction;

    @Option(
            names = "--duplicate-fraction",
            paramLabel = "F",
            defaultValue = "" + LoadSettings.DUPLICATE_FRACTION,
            description =
                    "Share of records that resend an earlier event (default ${DEFAULT-VALUE}).")
    double duplicateFraction;

    @Option(
            names = "--poison-fraction",
            paramLabel = "F",
            defaultValue = "" + LoadSettings.POISON_FRACTION,
            description =
                    "Share of undecodable records, for the dead letters (default"
                            + " ${DEFAULT-VALUE}).")
    double poisonFraction;

    public LoadSettings settings() {
        return new LoadSettings(
                hours,
                rate,
                speedup,
                seed,
                accounts,
                lateFraction,
                lateDelay,
                outOfOrderFraction,
                duplicateFraction,
                poisonFraction);
    }
}

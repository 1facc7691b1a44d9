package dev.cutover.parity;

import dev.cutover.contract.CutoverException;
import dev.cutover.loadgen.config.DelayRange;
import dev.cutover.loadgen.config.FaultOptions;
import dev.cutover.loadgen.config.GeneratorOptions;
import dev.cutover.loadgen.config.SchemaMix;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The load of a parity run as a user states it: simulated hours at a rate and speedup, and the
 * fault fractions. {@link #generatorOptions} turns it into the generator's options.
 *
 * @param rate records per real second
 * @param speedup simulated seconds per real second
 * @param lateDelay how late late events arrive, e.g. {@code 5m..2h}
 */
public record LoadSettings(
        int hours,
        double rate,
        double speedup,
        long seed,
        int accounts,
        double lateFraction,
        String lateDelay,
        double outOfOrderFraction,
        double duplicateFraction,
        double poisonFraction) {

    /** A run's defaults, the same for {@code cutover demo}'s flags and {@code run}'s YAML keys. */
    public static final int HOURS = 3;

    public static final int RATE = 1000;
    public static final int SPEEDUP = 90;
    public static final long SEED = 1;
    public static final int ACCOUNTS = 5000;
    public static final double LATE_FRACTION = 0.01;
    public static final String LATE_DELAY = "5m..2h";
    public static final double OUT_OF_ORDER_FRACTION = 0.03;
    public static final double DUPLICATE_FRACTION = 0.01;
    public static final double POISON_FRACTION = 0.001;

    /** Every default: 3 simulated hours at 1000 records/s, 90 × faster than real time. */
    public static LoadSettings defaults() {
        return new LoadSettings(
                HOURS,
                RATE,
                SPEEDUP,
                SEED,
                ACCOUNTS,
                LATE_FRACTION,
                LATE_DELAY,
                OUT_OF_ORDER_FRACTION,
                DUPLICATE_FRACTION,
                POISON_FRACTION);
    }

    /**
     * The generator's options: {@code hours × 3600 × rate / speedup} records. Kafka rejects
     * timestamps over an hour ahead of the broker's clock, so the simulated hours end an hour
     * before the current one starts: every arrival is in the past.
     */
    public GeneratorOptions generatorOptions(Instant now, Duration grace) {
        if (hours < 1 || hours > 48) {
            throw CutoverException.badInput("--hours must be between 1 and 48, got " + hours);
        }
        if (!(rate > 0) || !(speedup > 0)) {
            throw CutoverException.badInput("--rate and --speedup must be positive");
        }
        Instant start = now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(hours + 1L));
        long events = Math.round(hours * 3600.0 * rate / speedup);
        try {
            FaultOptions faults =
                    new FaultOptions(
                            lateFraction,
                            DelayRange.parse(lateDelay),
                            outOfOrderFraction,
                            duplicateFraction,
                            poisonFraction);
            return new GeneratorOptions(
                    seed,
                    accounts,
                    1.1,
                    SchemaMix.parse("v1:0.7,v2:0.3"),
                    start,
                    speedup,
                    rate,
                    GeneratorOptions.DEFAULT_NOMINAL_RATE,
                    OptionalLong.of(events),
                    Optional.empty(),
                    1,
                    faults,
                    grace);
        } catch (IllegalArgumentException e) {
            throw CutoverException.badInput(e.getMessage());
        }
    }
}

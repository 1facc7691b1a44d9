package dev.cutover.cli.parity;

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

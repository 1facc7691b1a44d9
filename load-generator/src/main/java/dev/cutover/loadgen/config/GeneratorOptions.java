package dev.cutover.loadgen.config;

import dev.cutover.contract.Defaults;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What to generate and how fast. Every record is a pure function of ({@code seed}, position) and
 * these options, never of the thread count or of real time.
 *
 * <p><b>Time.</b> {@code rate} is in records per <em>real</em> second (0 = as fast as possible).
 * Record {@code i} arrives on the simulated clock at {@code start + i × speedup / rate} (with
 * {@code rate} 0, {@code nominalRate} stands in), so the simulated clock runs {@code speedup} times
 * faster than real time while the generator keeps up, and timestamps never depend on how fast it
 * actually ran.
 *
 * @param seed the seed of every random choice
 * @param accounts how many accounts there are
 * @param skew the Zipf exponent of the account distribution (0 = uniform)
 * @param schemaMix the share of events written with each schema version
 * @param start the simulated time of the first record
 * @param speedup simulated seconds per real second
 * @param rate records per real second; 0 = unthrottled
 * @param nominalRate records per real second assumed for the simulated clock when rate is 0
 * @param events how many records to send, or empty
 * @param duration how long to send (real time), or empty; one of events / duration is needed
 * @param threads generating and sending threads
 * @param faults the faults injected
 * @param grace the batch cutoff's grace after each hour (for the ground truth's late count)
 */
public record GeneratorOptions(
        long seed,
        int accounts,
        double skew,
        SchemaMix schemaMix,
        Instant start,
        double speedup,
        double rate,
        double nominalRate,
        OptionalLong events,
        Optional<Duration> duration,
        int threads,
        FaultOptions faults,
        Duration grace) {

    public static final double DEFAULT_NOMINAL_RATE = 1000;

    public GeneratorOptions {
        Objects.requireNonNull(schemaMix, "schemaMix");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(faults, "faults");
        Objects.requireNonNull(grace, "grace");
        if (accounts < 1) {
            throw new IllegalArgumentException("--accounts must be at least 1, got " + accounts);
        }
        if (accounts > 10_000_000) {
            throw new IllegalArgumentException("--accounts must be at most 10000000");
        }
        if (!(skew >= 0) || skew > 10) {
            throw new IllegalArgumentException("--skew must be in [0,10], got " + skew);
        }
        if (!(speedup > 0) || Double.isInfinite(speedup)) {
            throw new IllegalArgumentException("--speedup must be > 0, got " + speedup);
        }
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("--rate must be >= 0, got " + rate);
        }
        if (!(nominalRate > 0) || Double.isInfinite(nominalRate)) {
            throw new IllegalArgumentException("--nominal-rate must be > 0, got " + nominalRate);
        }
        if (events.isEmpty() && duration.isEmpty()) {
            throw new IllegalArgumentException("give --events N or --duration D");
        }
        if (events.isPresent() && events.getAsLong() < 0) {
            throw new IllegalArgumentException("--events must be >= 0");
        }
        if (duration.isPresent() && (duration.get().isNegative() || duration.get().isZero())) {
            throw new IllegalArgumentException("--duration must be positive");
        }
        if (threads < 1 || threads > 64) {
            throw new IllegalArgumentException("--threads must be in [1,64], got " + threads);
        }
        if (grace.isNegative()) {
            throw new IllegalArgumentException("--grace must not be negative");
        }
    }

    /** Defaults for tests and the benchmark: 1000 accounts, skew 1.1, v1:0.7,v2:0.3, no faults. */
    public static GeneratorOptions defaults(long seed, long events, Instant start) {
        return new GeneratorOptions(
                seed,
                1000,
                1.1,
                new SchemaMix(0.3),
                start,
                1,
                0,
                DEFAULT_NOMINAL_RATE,
                OptionalLong.of(events),
                Optional.empty(),
                1,
                FaultOptions.none(),
                Defaults.GRACE);
    }

    public GeneratorOptions withFaults(FaultOptions f) {
        return new GeneratorOptions(
                seed,
                accounts,
                skew,
                schemaMix,
                start,
                speedup,
                rate,
                nominalRate,
                events,
                duration,
                threads,
                f,
                grace);
    }

    public GeneratorOptions withThreads(int t) {
        return new GeneratorOptions(
                seed,
                accounts,
                skew,
                schemaMix,
                start,
                speedup,
                rate,
                nominalRate,
                events,
                duration,
                t,
                faults,
                grace);
    }

    public GeneratorOptions withSeed(long s) {
        return new GeneratorOptions(
                s,
                accounts,
                skew,
                schemaMix,
                start,
                speedup,
                rate,
                nominalRate,
                events,
                duration,
                threads,
                faults,
                grace);
    }

    public GeneratorOptions withRate(double r) {
        return new GeneratorOptions(
                seed,
                accounts,
                skew,
                schemaMix,
                start,
                speedup,
                r,
                nominalRate,
                events,
                duration,
                threads,
                faults,
                grace);
    }

    public GeneratorOptions withAccounts(int a, double s) {
        return new GeneratorOptions(
                seed,
                a,
                s,
                schemaMix,
                start,
                speedup,
                rate,
                nominalRate,
                events,
                duration,
                threads,
                faults,
                grace);
    }

    /** The same run, ending after {@code n} records at the latest (its duration still applies). */
    public GeneratorOptions withAtMost(long n) {
        return new GeneratorOptions(
                seed,
                accounts,
                skew,
                schemaMix,
                start,
                speedup,
                rate,
                nominalRate,
                OptionalLong.of(events.isPresent() ? Math.min(n, events.getAsLong()) : n),
                duration,
                threads,
                faults,
                grace);
    }

    public GeneratorOptions withSpeedup(double k) {
        return new GeneratorOptions(
                seed,
                accounts,
                skew,
                schemaMix,
                start,
                k,
                rate,
                nominalRate,
                events,
                duration,
                threads,
                faults,
                grace);
    }

    /** Simulated milliseconds between two consecutive records. */
    public double simulatedIntervalMillis() {
        double perRealSecond = rate > 0 ? rate : nominalRate;
        return 1000.0 * speedup / perRealSecond;
    }
}

package dev.cutover.loadgen.produce;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * The producer's figures at one moment: what was sent, acknowledged and failed, bytes acknowledged
 * (values and keys), and the acknowledgement latency percentiles in milliseconds.
 */
public record StatsSnapshot(
        Duration elapsed,
        long sent,
        long acknowledged,
        long failed,
        long bytes,
        double p50Millis,
        double p95Millis,
        double p99Millis,
        double maxMillis,
        OptionalLong target) {

    /** Acknowledged records per second since the start. */
    public double recordsPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : acknowledged / seconds;
    }

    public double megabytesPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : bytes / 1e6 / seconds;
    }

    /** The estimated time left when a target count is known and records are flowing. */
    public OptionalLong etaSeconds() {
        double rate = recordsPerSecond();
        if (target.isEmpty() || rate <= 0) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(0, (long) ((target.getAsLong() - acknowledged) / rate)));
    }
}

package dev.cutover.batch.pipeline;

import dev.cutover.contract.Defaults;
import dev.cutover.model.rules.EventHours;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * What the batch for one hour reads and keeps: records that reached Kafka in {@code [readFrom,
 * cutoff)} (by record timestamp), of which those with {@code event_time} in {@code [hourStart,
 * hourStart + 1h)}. {@code readFrom = hourStart − lookback}, {@code cutoff = hourStart + 1h +
 * grace}.
 */
public record HourWindow(Instant hourStart, Duration grace, Duration lookback) {

    public HourWindow {
        Objects.requireNonNull(hourStart, "hourStart");
        if (!hourStart.truncatedTo(ChronoUnit.HOURS).equals(hourStart)) {
            throw new IllegalArgumentException("not the start of an hour: " + hourStart);
        }
        if (grace.isNegative() || lookback.isNegative()) {
            throw new IllegalArgumentException("grace and lookback must not be negative");
        }
    }

    public static HourWindow of(Instant hourStart) {
        return new HourWindow(hourStart, Defaults.GRACE, Defaults.LOOKBACK);
    }

    public Instant hourEnd() {
        return hourStart.plus(EventHours.HOUR);
    }

    public Instant readFrom() {
        return hourStart.minus(lookback);
    }

    public Instant cutoff() {
        return EventHours.batchCutoff(hourStart, grace);
    }
}

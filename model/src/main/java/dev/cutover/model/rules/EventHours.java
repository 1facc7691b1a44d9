package dev.cutover.model.rules;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Hours of event time. Hour {@code H} is {@code [H, H+1h)} in UTC; the batch for {@code H} runs
 * once at its cutoff {@code H + 1h + grace} and sees only records that reached Kafka before it.
 */
public final class EventHours {
    public static final Duration HOUR = Duration.ofHours(1);

    private EventHours() {}

    public static Instant hourStart(Instant eventTime) {
        return eventTime.truncatedTo(ChronoUnit.HOURS);
    }

    /** The instant from which the batch of {@code hourStart} no longer sees new records. */
    public static Instant batchCutoff(Instant hourStart, Duration grace) {
        return hourStart.plus(HOUR).plus(grace);
    }

    /**
     * Whether the batch for the event's hour sees a record that reached Kafka at {@code arrival}.
     */
    public static boolean arrivesBeforeCutoff(Instant eventTime, Instant arrival, Duration grace) {
        return arrival.isBefore(batchCutoff(hourStart(eventTime), grace));
    }
}

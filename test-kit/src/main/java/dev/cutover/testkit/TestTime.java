package dev.cutover.testkit;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Instants for test fixtures, relative to the current time: never a calendar date. Kafka deletes a
 * segment once its newest record timestamp is older than the topic's {@code retention.ms} (7 days
 * by default) and rejects a record whose timestamp is further ahead of its clock than {@code
 * log.message.timestamp.after.max.ms} (one hour by default): a fixture pinned to a date passes for
 * a week, then loses its data. Whole UTC hours keep a fixture's hour buckets as they were.
 */
public final class TestTime {
    private TestTime() {}

    /**
     * The start of the UTC hour {@code hoursAgo} hours before the current one: {@code 0} is the
     * current hour's start. A fixture starting there and spanning less than {@code hoursAgo} hours
     * ends before the current hour began.
     */
    public static Instant hourStart(int hoursAgo) {
        if (hoursAgo < 0) {
            throw new IllegalArgumentException("hoursAgo must be >= 0, was " + hoursAgo);
        }
        return Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(hoursAgo));
    }
}

package dev.cutover.loadgen.truth;

import java.util.Comparator;

/** Where and when Kafka acknowledged a record: the order that decides the first arrival. */
public record Arrival(long timestampMillis, int partition, long offset)
        implements Comparable<Arrival> {
    /** Smallest Kafka timestamp first, then partition, then offset (DESIGN.md). */
    public static final Comparator<Arrival> FIRST =
            Comparator.comparingLong(Arrival::timestampMillis)
                    .thenComparingInt(Arrival::partition)
                    .thenComparingLong(Arrival::offset);

    @Override
    public int compareTo(Arrival other) {
        return FIRST.compare(this, other);
    }

    static Arrival earlier(Arrival a, Arrival b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}

package dev.cutover.loadgen.truth;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ObjLongConsumer;

/**
 * The first acknowledged arrival of each source position. For a run of known length (up to {@link
 * #MAX_DENSE} records) three primitive arrays indexed by position, with no allocation per
 * acknowledgement (it runs on the producer's network thread); otherwise a concurrent map.
 */
abstract class Arrivals {
    static final long MAX_DENSE = 20_000_000;

    abstract void merge(long position, long timestamp, int partition, long offset);

    /** Calls {@code action} with each arrival and its position. */
    abstract void forEach(ObjLongConsumer<Arrival> action);

    abstract int size();

    static Arrivals forRun(long knownRecords) {
        return knownRecords >= 0 && knownRecords <= MAX_DENSE
                ? new Dense((int) knownRecords)
                : new Sparse();
    }

    private static final class Dense extends Arrivals {
        private final long[] timestamps;
        private final int[] partitions;
        private final long[] offsets;
        private int size;

        Dense(int records) {
            timestamps = new long[records];
            partitions = new int[records];
            offsets = new long[records];
            Arrays.fill(offsets, -1);
        }

        @Override
        synchronized void merge(long position, long timestamp, int partition, long offset) {
            int i = (int) position;
            if (offsets[i] < 0) {
                size++;
            } else if (Arrival.FIRST.compare(
                            new Arrival(timestamp, partition, offset),
                            new Arrival(timestamps[i], partitions[i], offsets[i]))
                    >= 0) {
                return;
            }
            timestamps[i] = timestamp;
            partitions[i] = partition;
            offsets[i] = offset;
        }

        @Override
        synchronized void forEach(ObjLongConsumer<Arrival> action) {
            for (int i = 0; i < offsets.length; i++) {
                if (offsets[i] >= 0) {
                    action.accept(new Arrival(timestamps[i], partitions[i], offsets[i]), i);
                }
            }
        }

        @Override
        synchronized int size() {
            return size;
        }
    }

    private static final class Sparse extends Arrivals {
        private final Map<Long, Arrival> first = new ConcurrentHashMap<>();

        @Override
        void merge(long position, long timestamp, int partition, long offset) {
            first.merge(position, new Arrival(timestamp, partition, offset), Arrival::earlier);
        }

        @Override
        void forEach(ObjLongConsumer<Arrival> action) {
            first.forEach((position, arrival) -> action.accept(arrival, position));
        }

        @Override
        int size() {
            return first.size();
        }
    }
}

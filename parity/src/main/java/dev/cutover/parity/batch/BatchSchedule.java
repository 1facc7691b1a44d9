package dev.cutover.parity.batch;

import dev.cutover.contract.batch.HourRange;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * When a parity run runs the Spark batch: one run per simulated hour {@code [start, start +
 * hours)}, each due at its cutoff {@code H + 1h + grace}. The first run also covers the hours
 * before the start that late and out-of-order events of the first records fall into ({@code [start
 * − lateMax, start)}, rounded down to the hour): their cutoffs have passed by then, and a batch
 * reads each hour only up to its own cutoff, so running them later changes nothing but the number
 * of Spark JVMs. Runs still pending when the load ends are {@link #merge merged} into one.
 */
public record BatchSchedule(List<Run> runs) {

    /** The batch for the hours {@code [from, to)}; due when the simulated clock passes cutoff. */
    public record Run(Instant from, Instant to, Instant cutoff) {
        public HourRange hours() {
            return new HourRange(from, to);
        }

        public boolean singleHour() {
            return hours().single();
        }

        @Override
        public String toString() {
            return singleHour() ? "hour " + from : "hours " + from + " to " + to;
        }
    }

    /** One run over the hours of consecutive runs (one Spark session instead of several). */
    public static Run merge(List<Run> pending) {
        Run first = pending.get(0);
        Run last = pending.get(pending.size() - 1);
        return new Run(first.from(), last.to(), last.cutoff());
    }

    public BatchSchedule {
        runs = List.copyOf(runs);
    }

    /**
     * @param start the simulated start, on an hour
     * @param hours the simulated hours generated
     * @param lateMax the longest lateness of an event (its event time before its arrival)
     * @param grace the batch's grace after each hour
     */
    public static BatchSchedule of(Instant start, int hours, Duration lateMax, Duration grace) {
        List<Run> runs = new ArrayList<>();
        Instant earliest =
                start.minus(lateMax).minus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.HOURS);
        for (int h = 0; h < hours; h++) {
            Instant hour = start.plus(Duration.ofHours(h));
            Instant end = hour.plus(Duration.ofHours(1));
            runs.add(new Run(h == 0 ? earliest : hour, end, end.plus(grace)));
        }
        return new BatchSchedule(runs);
    }
}

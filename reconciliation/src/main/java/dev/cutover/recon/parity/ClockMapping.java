package dev.cutover.recon.parity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * How a run's simulated clock (the Kafka timestamps and event times the load generator stamped)
 * relates to the wall clock the pipelines wrote {@code written_at} on: points (wall instant,
 * simulated instant) sampled while the load ran, linear in between, at {@code speedup} after the
 * last point and, before the first, at the speed between the first two (at {@code speedup} when
 * there is only one). A run in real time has no points and speedup 1: both clocks are one.
 *
 * <p>Latency is computed through this mapping; the pipelines' tables are never rewritten.
 *
 * @param points in wall-clock order, both clocks strictly ascending
 * @param speedup simulated seconds per wall-clock second outside the points
 */
public record ClockMapping(List<Point> points, double speedup) {

    /** The simulated instant the load's clock showed at a wall-clock instant. */
    public record Point(Instant wall, Instant simulated) {}

    public ClockMapping {
        points = List.copyOf(points);
        if (!(speedup > 0)) {
            throw new IllegalArgumentException("speedup must be positive, not " + speedup);
        }
        for (int i = 1; i < points.size(); i++) {
            if (!points.get(i).wall().isAfter(points.get(i - 1).wall())
                    || !points.get(i).simulated().isAfter(points.get(i - 1).simulated())) {
                throw new IllegalArgumentException("clock points must move forward on both clocks");
            }
        }
    }

    /** Both clocks are one: production, or a run in real time. */
    public static ClockMapping realTime() {
        return new ClockMapping(List.of(), 1);
    }

    public boolean isRealTime() {
        return points.isEmpty() && speedup == 1;
    }

    /** The segments as SQL arrays: each from a point on, at its own speed. */
    Segments segments() {
        List<Instant> wall = new ArrayList<>();
        List<Instant> simulated = new ArrayList<>();
        List<Double> speeds = new ArrayList<>();
        if (points.isEmpty()) {
            wall.add(Instant.EPOCH);
            simulated.add(Instant.EPOCH);
            speeds.add(speedup);
        }
        for (int i = 0; i < points.size(); i++) {
            Point here = points.get(i);
            double speed = speedup;
            if (i + 1 < points.size()) {
                Point next = points.get(i + 1);
                speed =
                        (double) Duration.between(here.simulated(), next.simulated()).toNanos()
                                / Duration.between(here.wall(), next.wall()).toNanos();
            }
            wall.add(here.wall());
            simulated.add(here.simulated());
            speeds.add(speed);
        }
        return new Segments(wall, simulated, speeds);
    }

    /**
     * From {@code wall.get(i)} (and {@code simulated.get(i)}) on, time runs at {@code
     * speed.get(i)}.
     */
    record Segments(List<Instant> wall, List<Instant> simulated, List<Double> speed) {}

    @Override
    public String toString() {
        return isRealTime()
                ? "wall clock"
                : String.format(
                        java.util.Locale.ROOT,
                        "simulated clock at ×%.0f (%d points)",
                        speedup,
                        points.size());
    }
}

package dev.cutover.parity;

import dev.cutover.recon.parity.ClockMapping;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The load's simulated clock as it really ran: points (wall instant, simulated instant) taken while
 * the load is generated (the generator may fall behind its nominal speedup on a loaded machine).
 * Reconciliation measures latency through the {@link #mapping()}; the pipelines' tables are never
 * rewritten.
 */
final class ClockRecorder {
    private final double speedup;
    private final List<ClockMapping.Point> points = new ArrayList<>();

    ClockRecorder(double speedup) {
        this.speedup = speedup;
    }

    /** Records a point; one that does not move both clocks forward is left out. */
    synchronized void sample(Instant wall, Instant simulated) {
        if (!points.isEmpty()) {
            ClockMapping.Point last = points.get(points.size() - 1);
            if (!wall.isAfter(last.wall()) || !simulated.isAfter(last.simulated())) {
                return;
            }
        }
        points.add(new ClockMapping.Point(wall, simulated));
    }

    /** The clock so far; a run in real time is the wall clock itself. */
    synchronized ClockMapping mapping() {
        return speedup == 1 ? ClockMapping.realTime() : new ClockMapping(points, speedup);
    }
}

package dev.cutover.parity.chaos;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which faults to inject at which simulated time of the load. The injector runs them one after the
 * other, each once its time has come and the previous one has recovered, so they never overlap.
 *
 * @param faults in the order they are injected (by simulated time)
 */
public record ChaosPlan(List<PlannedFault> faults) {

    /** One fault, due once the load's simulated clock reaches {@code at}. */
    public record PlannedFault(FaultKind kind, Instant at) {}

    /**
     * The standard plan over a load of {@code span} simulated time from {@code start}: a
     * TaskManager kill at 15 %, a Kafka restart at 35 %, a second TaskManager kill at 55 %, a
     * PostgreSQL restart at 75 % — spread over the load, the last leaving a quarter of it to run on
     * recovered services.
     */
    public static ChaosPlan standard(Instant start, Duration span) {
        if (span.isNegative() || span.isZero()) {
            throw new IllegalArgumentException("the load must last, got " + span);
        }
        return new ChaosPlan(
                List.of(
                        at(FaultKind.FLINK_TASKMANAGER_KILL, start, span, 0.15),
                        at(FaultKind.KAFKA_RESTART, start, span, 0.35),
                        at(FaultKind.FLINK_TASKMANAGER_KILL, start, span, 0.55),
                        at(FaultKind.POSTGRES_RESTART, start, span, 0.75)));
    }

    public ChaosPlan {
        List<PlannedFault> sorted = new ArrayList<>(faults);
        sorted.sort(Comparator.comparing(PlannedFault::at));
        faults = List.copyOf(sorted);
    }

    /** How many faults of {@code kind} the plan holds. */
    public long count(FaultKind kind) {
        return faults.stream().filter(f -> f.kind() == kind).count();
    }

    private static PlannedFault at(FaultKind kind, Instant start, Duration span, double fraction) {
        return new PlannedFault(kind, start.plusMillis(Math.round(span.toMillis() * fraction)));
    }
}

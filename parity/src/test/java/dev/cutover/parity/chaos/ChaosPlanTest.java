package dev.cutover.parity.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChaosPlanTest {
    private static final Instant START = Instant.parse("2026-11-24T00:00:00Z");

    @Test
    void theStandardPlanSpreadsTwoKillsAndOneRestartOfEachServiceOverTheLoad() {
        ChaosPlan plan = ChaosPlan.standard(START, Duration.ofHours(1));

        assertThat(plan.faults())
                .extracting(ChaosPlan.PlannedFault::kind)
                .containsExactly(
                        FaultKind.FLINK_TASKMANAGER_KILL,
                        FaultKind.KAFKA_RESTART,
                        FaultKind.FLINK_TASKMANAGER_KILL,
                        FaultKind.POSTGRES_RESTART);
        assertThat(plan.faults())
                .extracting(ChaosPlan.PlannedFault::at)
                .containsExactly(
                        Instant.parse("2026-11-24T00:09:00Z"),
                        Instant.parse("2026-11-24T00:21:00Z"),
                        Instant.parse("2026-11-24T00:33:00Z"),
                        Instant.parse("2026-11-24T00:45:00Z"));
        assertThat(plan.count(FaultKind.FLINK_TASKMANAGER_KILL)).isEqualTo(2);
        assertThat(plan.count(FaultKind.KAFKA_RESTART)).isEqualTo(1);
        assertThat(plan.count(FaultKind.POSTGRES_RESTART)).isEqualTo(1);
    }

    @Test
    void everyFaultFallsInsideTheLoadWithTimeLeftAfterTheLast() {
        Duration span = Duration.ofHours(3);
        ChaosPlan plan = ChaosPlan.standard(START, span);

        assertThat(plan.faults())
                .allSatisfy(
                        f ->
                                assertThat(f.at())
                                        .isAfter(START)
                                        .isBefore(START.plus(span).minus(span.dividedBy(5))));
    }

    @Test
    void faultsAreOrderedByTime() {
        ChaosPlan plan =
                new ChaosPlan(
                        List.of(
                                new ChaosPlan.PlannedFault(
                                        FaultKind.POSTGRES_RESTART, START.plusSeconds(60)),
                                new ChaosPlan.PlannedFault(FaultKind.KAFKA_RESTART, START)));

        assertThat(plan.faults().get(0).kind()).isEqualTo(FaultKind.KAFKA_RESTART);
    }

    @Test
    void aLoadWithoutDurationIsRejected() {
        assertThatThrownBy(() -> ChaosPlan.standard(START, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

package dev.cutover.parity.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.cutover.recon.report.InjectedFault;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The injector's scheduling: when each fault starts, that faults never overlap, that faults still
 * due run when the load ends, and what it records. The faults here are stand-ins that take time;
 * the real ones are proven against the services by ServiceRestartITCase (embedded-stack),
 * DatabaseFailoverITCase and ChaosDemoITCase (cli).
 */
class FaultInjectorTest {
    private static final Instant START = Instant.parse("2026-11-24T00:00:00Z");
    private final ChaosPlan plan = ChaosPlan.standard(START, Duration.ofHours(1));
    private final List<FaultKind> started = new CopyOnWriteArrayList<>();

    private Fault recording(FaultKind kind, CountDownLatch release) {
        return () -> {
            started.add(kind);
            Instant at = Instant.now();
            release.await(10, TimeUnit.SECONDS);
            return new Fault.Result(at, kind.label() + " back");
        };
    }

    private Map<FaultKind, Fault> faults(CountDownLatch release) {
        return Map.of(
                FaultKind.FLINK_TASKMANAGER_KILL,
                recording(FaultKind.FLINK_TASKMANAGER_KILL, release),
                FaultKind.KAFKA_RESTART,
                recording(FaultKind.KAFKA_RESTART, release),
                FaultKind.POSTGRES_RESTART,
                recording(FaultKind.POSTGRES_RESTART, release));
    }

    @Test
    void aFaultStartsOnceItsSimulatedTimeHasComeAndNeverOverlapsTheRunningOne() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (FaultInjector injector = new FaultInjector(plan, faults(release), Clock.systemUTC())) {
            // the first fault is due at 15 % of the hour (9 min)
            assertThat(injector.startDue(START.plusSeconds(60))).isEmpty();

            assertThat(injector.startDue(START.plus(Duration.ofMinutes(9))))
                    .contains(FaultKind.FLINK_TASKMANAGER_KILL);
            await().atMost(Duration.ofSeconds(5)).until(() -> started.size() == 1);
            // the Kafka restart is due, but the first fault has not recovered yet
            assertThat(injector.startDue(START.plus(Duration.ofMinutes(25)))).isEmpty();

            release.countDown();
            await().atMost(Duration.ofSeconds(5)).until(() -> injector.faults().size() == 1);
            assertThat(injector.startDue(START.plus(Duration.ofMinutes(25))))
                    .contains(FaultKind.KAFKA_RESTART);
            await().atMost(Duration.ofSeconds(5)).until(() -> injector.faults().size() == 2);
            assertThat(started)
                    .containsExactly(FaultKind.FLINK_TASKMANAGER_KILL, FaultKind.KAFKA_RESTART);
        }
    }

    @Test
    void faultsStillDueWhenTheLoadEndsRunThenAndAllAreRecorded() throws Exception {
        CountDownLatch released = new CountDownLatch(0);
        try (FaultInjector injector =
                new FaultInjector(plan, faults(released), Clock.systemUTC())) {
            injector.during(START.plus(Duration.ofMinutes(10)));
            injector.afterLoad();

            List<InjectedFault> recorded = injector.faults();
            assertThat(recorded)
                    .extracting(InjectedFault::kind)
                    .containsExactly(
                            "flink-taskmanager-kill",
                            "kafka-restart",
                            "flink-taskmanager-kill",
                            "postgres-restart");
            assertThat(recorded)
                    .allSatisfy(
                            f -> {
                                assertThat(f.recoveredAt()).isAfterOrEqualTo(f.startedAt());
                                assertThat(f.outcome()).endsWith("back");
                            });
            assertThat(recorded.get(0).simulatedAt()).isEqualTo(START.plus(Duration.ofMinutes(10)));
        }
    }

    @Test
    void aFaultThatDoesNotRecoverIsRecordedAsFailed() throws Exception {
        Map<FaultKind, Fault> failing =
                Map.of(
                        FaultKind.FLINK_TASKMANAGER_KILL,
                                () -> {
                                    throw new IllegalStateException("job not restored");
                                },
                        FaultKind.KAFKA_RESTART, () -> new Fault.Result(Instant.now(), "ok"),
                        FaultKind.POSTGRES_RESTART, () -> new Fault.Result(Instant.now(), "ok"));
        try (FaultInjector injector = new FaultInjector(plan, failing, Clock.systemUTC())) {
            injector.afterLoad();

            InjectedFault first = injector.faults().get(0);
            assertThat(first.recoveredAt()).isNull();
            assertThat(first.outcome()).contains("failed", "job not restored");
        }
    }

    @Test
    void aPlanNeedsAWayToInjectEachOfItsFaults() {
        assertThatThrownBy(
                        () ->
                                new FaultInjector(
                                        plan,
                                        Map.of(
                                                FaultKind.KAFKA_RESTART,
                                                () -> new Fault.Result(Instant.now(), "ok")),
                                        Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("flink-taskmanager-kill");
    }
}

package dev.cutover.parity.chaos;

import dev.cutover.launch.flink.StandaloneFlinkCluster;
import dev.cutover.stack.EmbeddedStack;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The real faults of a chaos demo: the embedded stack's Kafka broker and PostgreSQL restarted in
 * place, the Flink TaskManager of the job's local cluster killed and replaced.
 */
public final class StackFaults {
    private static final Duration RECOVERY_TIMEOUT = Duration.ofMinutes(3);

    private StackFaults() {}

    /**
     * @param cluster the job's cluster, known once the stream has started
     */
    public static Map<FaultKind, Fault> of(
            EmbeddedStack stack, Supplier<StandaloneFlinkCluster> cluster, Clock clock) {
        Map<FaultKind, Fault> faults = new EnumMap<>(FaultKind.class);
        faults.put(
                FaultKind.KAFKA_RESTART,
                () -> {
                    Instant at = clock.instant();
                    Duration down = stack.restartKafka();
                    return new Fault.Result(
                            at,
                            "broker back on the same port and data after "
                                    + down.toMillis()
                                    + " ms");
                });
        faults.put(
                FaultKind.POSTGRES_RESTART,
                () -> {
                    Instant at = clock.instant();
                    Duration down = stack.restartPostgres();
                    return new Fault.Result(
                            at,
                            "server back on the same port and data after "
                                    + down.toMillis()
                                    + " ms");
                });
        faults.put(FaultKind.FLINK_TASKMANAGER_KILL, () -> killTaskManager(cluster.get(), clock));
        return faults;
    }

    /**
     * Waits until the job has a checkpoint to restore, kills the TaskManager with SIGKILL, starts a
     * new one and waits until the job has been restored from a checkpoint and all its tasks run.
     */
    static Fault.Result killTaskManager(StandaloneFlinkCluster cluster, Clock clock)
            throws Exception {
        cluster.awaitCompletedCheckpoints(1, RECOVERY_TIMEOUT);
        long restoresBefore = cluster.restoredCount();
        Instant at = clock.instant();
        long pid = cluster.killTaskManager(); // the cluster starts a new one
        long deadline = System.nanoTime() + RECOVERY_TIMEOUT.toNanos();
        while (restoredCount(cluster) <= restoresBefore) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "the job was not restored within "
                                + RECOVERY_TIMEOUT
                                + ": "
                                + cluster.tail());
            }
            Thread.sleep(200);
        }
        cluster.awaitRunning(RECOVERY_TIMEOUT);
        long checkpoint = cluster.lastRestoredCheckpoint();
        return new Fault.Result(
                at,
                "TaskManager pid "
                        + pid
                        + " killed (SIGKILL), a new one started by the cluster; job restored from"
                        + " checkpoint "
                        + checkpoint,
                checkpoint,
                cluster.restoredCount());
    }

    /** The job's restore count; -1 while a busy JobManager does not answer. */
    private static long restoredCount(StandaloneFlinkCluster cluster) throws InterruptedException {
        try {
            return cluster.restoredCount();
        } catch (java.io.IOException busy) {
            return -1;
        }
    }
}

package dev.cutover.parity.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cutover.launch.flink.StandaloneFlinkCluster;
import dev.cutover.launch.flink.StreamJarLocator;
import dev.cutover.loadgen.generate.SchemaIds;
import dev.cutover.loadgen.produce.LoadRun;
import dev.cutover.loadgen.produce.SchemaRegistration;
import dev.cutover.loadgen.truth.TruthTransaction;
import dev.cutover.model.db.OutputTables;
import dev.cutover.model.registry.RegistryClientConfig;
import dev.cutover.model.registry.SchemaRegistryClient;
import dev.cutover.parity.LoadSettings;
import dev.cutover.stack.StackEndpoints;
import dev.cutover.testkit.EmbeddedStackTest;
import dev.cutover.testkit.Jdbc;
import dev.cutover.testkit.KafkaTopics;
import dev.cutover.testkit.TestSchema;
import dev.cutover.testkit.TestTopic;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job on a real standalone session cluster (JobManager and TaskManager JVMs, submitted over
 * REST) survives its TaskManager being killed with SIGKILL twice while records flow: each time a
 * new TaskManager starts, the job is restored from a checkpoint, and in the end the stream holds
 * exactly the transactions Kafka acknowledged (the sink's idempotent upserts make the replay after
 * a restore harmless).
 */
@EmbeddedStackTest
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class TaskManagerKillITCase {

    @Test
    void theJobIsRestoredFromACheckpointAfterEachTaskManagerKill(
            StackEndpoints stack, TestTopic topic, TestSchema schema, @TempDir Path dir)
            throws Exception {
        KafkaTopics.create(stack.kafkaBootstrapServers(), topic.name(), 2);
        OutputTables.migrateSchema(
                stack.jdbcUrl(), stack.jdbcUser(), stack.jdbcPassword(), schema.name());
        SchemaIds ids =
                SchemaRegistration.register(
                        new SchemaRegistryClient(
                                RegistryClientConfig.of(stack.schemaRegistryUrl())),
                        topic.name());
        Properties kafka = new Properties();
        kafka.put("bootstrap.servers", stack.kafkaBootstrapServers());
        warmUp(stack, topic, kafka);
        Map<String, String> options = new HashMap<>();
        options.put("bootstrap.servers", stack.kafkaBootstrapServers());
        options.put("topic", topic.name());
        options.put("schema.registry.url", stack.schemaRegistryUrl());
        options.put("jdbc.url", stack.jdbcUrl());
        options.put("jdbc.user", stack.jdbcUser());
        options.put("jdbc.password", stack.jdbcPassword());
        options.put("jdbc.schema", schema.name());
        options.put("group.id", topic.name());
        options.put("parallelism", "2");
        options.put("checkpoint.interval", "1s");
        options.put("restart.attempts", "100");
        options.put("restart.delay", "1s");

        try (StandaloneFlinkCluster cluster =
                StandaloneFlinkCluster.start(
                        new StreamJarLocator().locate(null), dir, 2, Duration.ofMinutes(2))) {
            cluster.submit(options);
            cluster.awaitRunning(Duration.ofMinutes(2));
            assertThat(cluster.jobState()).isEqualTo("RUNNING");

            // 6,000 records over ~60 s while the TaskManager is killed twice
            AtomicReference<LoadRun.Result> produced = new AtomicReference<>();
            AtomicReference<Throwable> loadFailure = new AtomicReference<>();
            Thread load =
                    new Thread(
                            () -> {
                                try {
                                    produced.set(
                                            LoadRun.execute(
                                                    new LoadSettings(
                                                                    1, 100, 60, 7, 500, 0.0,
                                                                    "5m..10m", 0.03, 0.01, 0.0)
                                                            .generatorOptions(
                                                                    Instant.now(),
                                                                    Duration.ofMinutes(10)),
                                                    topic.name(),
                                                    kafka,
                                                    ids,
                                                    g -> {}));
                                } catch (Throwable e) {
                                    loadFailure.set(e);
                                }
                            },
                            "load");
            load.start();

            long pid0 = cluster.taskManagerPid();
            for (int kill = 1; kill <= 2; kill++) {
                long checkpoints = cluster.completedCheckpoints();
                cluster.awaitCompletedCheckpoints(checkpoints + 1, Duration.ofMinutes(1));
                long restores = cluster.restoredCount();
                long pid = cluster.killTaskManager();
                assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive))
                        .isNotEqualTo(java.util.Optional.of(true));
                await().atMost(Duration.ofMinutes(2))
                        .ignoreExceptions()
                        .until(() -> cluster.restoredCount() > restores);
                cluster.awaitRunning(Duration.ofMinutes(2));
                assertThat(cluster.lastRestoredCheckpoint()).isPositive();
            }
            assertThat(cluster.taskManagerPid()).isNotEqualTo(pid0);

            load.join(TimeUnit.MINUTES.toMillis(2));
            assertThat(loadFailure.get()).as("the load failed").isNull();
            assertThat(produced.get()).as("the load ended").isNotNull();
            assertThat(produced.get().stats().failed()).isZero();
            Set<String> truth =
                    produced.get().truth().transactions().stream()
                            .map(TruthTransaction::transactionId)
                            .collect(Collectors.toSet());
            String count = "SELECT count(*) AS n FROM " + schema.qualify("card_transactions");
            await().atMost(Duration.ofMinutes(2))
                    .until(
                            () ->
                                    ((Number) Jdbc.query(stack, count).get(0).get("n")).longValue()
                                            == truth.size());
            Set<String> stream =
                    Jdbc.query(
                                    stack,
                                    "SELECT transaction_id FROM "
                                            + schema.qualify("card_transactions"))
                            .stream()
                            .map(r -> (String) r.get("transaction_id"))
                            .collect(Collectors.toSet());
            assertThat(stream).isEqualTo(truth);
            assertThat(cluster.jobState()).isEqualTo("RUNNING");
        }
    }

    /**
     * 50 records into a topic of their own, so the generator's classes are loaded before the
     * cluster starts (on this shared machine other builds reinstall the generator's jar).
     */
    private static void warmUp(StackEndpoints stack, TestTopic topic, Properties kafka)
            throws InterruptedException {
        String warm = topic.name() + "-warmup";
        KafkaTopics.create(stack.kafkaBootstrapServers(), warm, 1);
        SchemaIds ids =
                SchemaRegistration.register(
                        new SchemaRegistryClient(
                                RegistryClientConfig.of(stack.schemaRegistryUrl())),
                        warm);
        LoadRun.execute(
                new LoadSettings(1, 50, 3600, 1, 50, 0.0, "5m..10m", 0.03, 0.01, 0.0)
                        .generatorOptions(Instant.now(), Duration.ofMinutes(10)),
                warm,
                kafka,
                ids,
                g -> {});
    }
}

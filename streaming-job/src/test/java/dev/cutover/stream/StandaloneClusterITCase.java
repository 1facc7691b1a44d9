package dev.cutover.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cutover.launch.flink.StandaloneFlinkCluster;
import dev.cutover.launch.flink.StreamJarLocator;
import dev.cutover.model.db.OutputTables;
import dev.cutover.stack.StackEndpoints;
import dev.cutover.stream.Truth.Arrival;
import dev.cutover.testkit.EmbeddedStackTest;
import dev.cutover.testkit.KafkaTopics;
import dev.cutover.testkit.TestSchema;
import dev.cutover.testkit.TestTime;
import dev.cutover.testkit.TestTopic;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proof that the jar works outside the IDE: a standalone Flink session cluster as two JVMs
 * (JobManager {@code StandaloneSessionClusterEntrypoint}, TaskManager {@code TaskManagerRunner}) on
 * the Flink jars Maven resolved ({@code target/flink-lib}), started by the launcher {@code cutover}
 * uses, the shaded jar submitted over REST ({@code /jars/upload}, {@code /jars/{id}/run}), rows
 * checked in PostgreSQL.
 */
@EmbeddedStackTest
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class StandaloneClusterITCase {
    static final Path JAR =
            Path.of(System.getProperty("cutover.stream.jar", "target/cutover-streaming-job.jar"))
                    .toAbsolutePath();

    @Test
    void theShadedJarSubmittedOverRestWritesRowsToPostgres(
            StackEndpoints stack, TestTopic topic, TestSchema schema, @TempDir Path dir)
            throws Exception {
        KafkaTopics.create(stack.kafkaBootstrapServers(), topic.name(), 2);
        OutputTables.migrateSchema(
                stack.jdbcUrl(), stack.jdbcUser(), stack.jdbcPassword(), schema.name());
        List<Arrival> arrivals;
        try (FixtureProducer producer =
                new FixtureProducer(
                        stack.kafkaBootstrapServers(),
                        topic.name(),
                        stack.schemaRegistryUrl(),
                        topic.subject())) {
            StreamJobITCase.sendEvents(producer, new Random(5), 0, 300, TestTime.hourStart(1));
            arrivals = producer.flush();
        }

        try (StandaloneFlinkCluster cluster =
                StandaloneFlinkCluster.start(
                        new StreamJarLocator.StreamJar(JAR, JAR.resolveSibling("flink-lib")),
                        dir,
                        2,
                        Duration.ofMinutes(2))) {
            String jobId =
                    cluster.submit(
                            Map.of(
                                    "bootstrap.servers", stack.kafkaBootstrapServers(),
                                    "topic", topic.name(),
                                    "schema.registry.url", stack.schemaRegistryUrl(),
                                    "jdbc.url", stack.jdbcUrl(),
                                    "jdbc.user", stack.jdbcUser(),
                                    "jdbc.password", stack.jdbcPassword(),
                                    "jdbc.schema", schema.name(),
                                    "bounded", "true",
                                    "checkpoint.interval", "1s",
                                    "restart.attempts", "0"));
            assertThat(jobId).hasSize(32);

            await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(250))
                    .failFast(
                            "the job failed",
                            () -> List.of("FAILED", "CANCELED").contains(cluster.jobState()))
                    .until(() -> cluster.jobState().equals("FINISHED"));
        }
        assertThat(StreamTables.cardTransactions(stack, schema))
                .isEqualTo(Truth.cardTransactions(arrivals));
        assertThat(StreamTables.hourlySpend(stack, schema))
                .isEqualTo(StreamTables.keyed(Truth.hourlySpend(arrivals)));
    }
}

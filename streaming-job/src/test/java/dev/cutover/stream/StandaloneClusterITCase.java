package dev.cutover.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cutover.launch.flink.FlinkRestClient;
import dev.cutover.launch.flink.StandaloneFlinkCluster;
import dev.cutover.launch.flink.StreamJarLocator;
import dev.cutover.stack.StackEndpoints;
import dev.cutover.stream.Truth.Arrival;
import dev.cutover.testkit.EmbeddedStackTest;
import dev.cutover.testkit.TestSchema;
import dev.cutover.testkit.TestTime;
import dev.cutover.testkit.TestTopic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proof that the jar works outside the IDE: a standalone Flink session cluster as two JVMs
 * (JobManager {@code StandaloneSessionClusterEntrypoint}, TaskManager {@code TaskManagerRunner}) on
 * the Flink jars Maven resolved ({@code target/flink-lib}), started by the launcher {@code cutover}
 * uses; the shaded jar submitted over REST ({@code /jars/upload}, {@code /jars/{id}/run}) and with
 * Flink's own command-line client ({@code flink run}), one after the other on the same cluster;
 * rows checked in PostgreSQL.
 */
@EmbeddedStackTest
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class StandaloneClusterITCase {
    static final Path JAR =
            Path.of(System.getProperty("cutover.stream.jar", "target/cutover-streaming-job.jar"))
                    .toAbsolutePath();

    @TempDir static Path dir;
    private static StandaloneFlinkCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster =
                StandaloneFlinkCluster.start(
                        new StreamJarLocator.StreamJar(JAR, JAR.resolveSibling("flink-lib")),
                        dir,
                        2,
                        Duration.ofMinutes(2));
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void theShadedJarSubmittedOverRestWritesRowsToPostgres(
            StackEndpoints stack, TestTopic topic, TestSchema schema) throws Exception {
        List<Arrival> arrivals = produce(stack, topic, schema, 5);

        String jobId = cluster.submit(boundedJob(stack, topic, schema));
        assertThat(jobId).hasSize(32);
        awaitFinished(cluster.restUrl(), jobId);
        assertRowsEqualTheTruth(stack, schema, arrivals);
    }

    /**
     * {@code flink run -m 127.0.0.1:PORT -c dev.cutover.stream.StreamJobMain
     * cutover-streaming-job.jar --config FILE}: Flink's {@code CliFrontend} in a JVM of its own
     * with the cluster's configuration folder as {@code FLINK_CONF_DIR}, as a user deploying with a
     * Flink distribution runs it. The job id is the one the client printed; the cluster's REST API
     * reports that job FINISHED and the tables equal the truth.
     */
    @Test
    void theShadedJarSubmittedWithFlinkRunWritesRowsToPostgres(
            StackEndpoints stack, TestTopic topic, TestSchema schema) throws Exception {
        List<Arrival> arrivals = produce(stack, topic, schema, 7);

        String jobId =
                cluster.submitWithFlinkRun(boundedJob(stack, topic, schema), Duration.ofMinutes(2));
        assertThat(jobId).matches("[0-9a-f]{32}");
        awaitFinished(cluster.restUrl(), jobId);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .as("the options file (secrets) is deleted once the client has ended")
                    .noneMatch(name -> name.endsWith(".properties"));
        }
        assertRowsEqualTheTruth(stack, schema, arrivals);
    }

    private static List<Arrival> produce(
            StackEndpoints stack, TestTopic topic, TestSchema schema, long seed) throws Exception {
        StreamTables.prepare(stack, topic, schema, 2);
        try (FixtureProducer producer =
                new FixtureProducer(
                        stack.kafkaBootstrapServers(),
                        topic.name(),
                        stack.schemaRegistryUrl(),
                        topic.subject())) {
            StreamJobITCase.sendEvents(producer, new Random(seed), 0, 300, TestTime.hourStart(1));
            return producer.flush();
        }
    }

    private static Map<String, String> boundedJob(
            StackEndpoints stack, TestTopic topic, TestSchema schema) {
        return Map.of(
                "bootstrap.servers", stack.kafkaBootstrapServers(),
                "topic", topic.name(),
                "schema.registry.url", stack.schemaRegistryUrl(),
                "jdbc.url", stack.jdbcUrl(),
                "jdbc.user", stack.jdbcUser(),
                "jdbc.password", stack.jdbcPassword(),
                "jdbc.schema", schema.name(),
                "bounded", "true",
                "checkpoint.interval", "1s",
                "restart.attempts", "0");
    }

    /** The job's state from the cluster's REST API, until FINISHED (failing fast otherwise). */
    private static void awaitFinished(String restUrl, String jobId) {
        FlinkRestClient rest = new FlinkRestClient(restUrl);
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(250))
                .failFast(
                        "the job failed",
                        () -> List.of("FAILED", "CANCELED").contains(rest.jobState(jobId)))
                .until(() -> rest.jobState(jobId).equals("FINISHED"));
    }

    private static void assertRowsEqualTheTruth(
            StackEndpoints stack, TestSchema schema, List<Arrival> arrivals) throws Exception {
        assertThat(StreamTables.cardTransactions(stack, schema))
                .isEqualTo(Truth.cardTransactions(arrivals));
        assertThat(StreamTables.hourlySpend(stack, schema))
                .isEqualTo(StreamTables.keyed(Truth.hourlySpend(arrivals)));
    }
}

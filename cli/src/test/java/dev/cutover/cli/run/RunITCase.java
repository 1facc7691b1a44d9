package dev.cutover.cli.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.cli.CliProcess;
import dev.cutover.launch.flink.FlinkRestClient;
import dev.cutover.launch.flink.StandaloneFlinkCluster;
import dev.cutover.launch.flink.StreamJarLocator;
import dev.cutover.recon.db.ConnectionSpec;
import dev.cutover.recon.history.RunHistory;
import dev.cutover.stack.EmbeddedStack;
import dev.cutover.stack.StackOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cutover run --config parity.yaml} as a team runs it against services it did not start:
 * here an embedded stack the test starts, reached only through the config (endpoints from the
 * environment and the file, the database password from an environment variable, the registry's from
 * nowhere). One simulated hour, the job submitted over REST to a standalone Flink cluster (a
 * JobManager and a TaskManager JVM), Spark bundled: exit 0, parity, every truth row in the stream,
 * the job cancelled at the end, and the password in no output, no report and not in what the
 * cluster was sent.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RunITCase {
    /** The embedded PostgreSQL trusts local connections: any password is accepted. */
    private static final String PASSWORD = "it-Pa55word-6121";

    private static final String TOPIC_IN_USE = "parity-run-in-use";

    private static EmbeddedStack stack;
    private static StandaloneFlinkCluster flink;

    @TempDir Path temp;

    @BeforeAll
    static void startServices(@TempDir Path flinkDir) throws Exception {
        stack = EmbeddedStack.start(StackOptions.defaults());
        flink =
                StandaloneFlinkCluster.start(
                        new StreamJarLocator().locate(null), flinkDir, 2, Duration.ofMinutes(2));
    }

    @AfterAll
    static void stopServices() throws Exception {
        if (flink != null) {
            flink.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aRunAgainstConfiguredServicesEndsWithParity() throws Exception {
        Path reports = temp.resolve("reports");
        Path config = temp.resolve("parity.yaml");
        // The shipped gate, burn-in included: the history holds the day of clean hours a gate
        // running hourly would have recorded, and the run records its own hours. Its latency
        // limit only is raised: this machine runs other tests beside the job, and a p99 of a few
        // seconds would pass or fail with their load (LatencyGateITCase proves the limit).
        cleanHistoryUpToNow();
        String shipped = Files.readString(Path.of("../examples/gate.yaml"));
        String latencyLimit = "stream_latency_p99_max: 5s";
        assertThat(shipped).contains(latencyLimit);
        Path policy = temp.resolve("gate.yaml");
        Files.writeString(policy, shipped.replace(latencyLimit, "stream_latency_p99_max: 60s"));
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "kafka:",
                        "  bootstrap-servers: ${env:IT_BROKERS}",
                        "  topic: parity-run-it",
                        "  partitions: 3",
                        "schema-registry:",
                        "  url: " + stack.schemaRegistryUrl(),
                        "database:",
                        "  url: " + stack.jdbcUrl(),
                        "  user: " + stack.jdbcUser(),
                        "  password: ${env:IT_DB_PASSWORD}",
                        "flink:",
                        "  rest: " + flink.restUrl(),
                        "  checkpoint-interval: 5s",
                        "spark:",
                        "  driver-memory: 1g",
                        "load:",
                        "  hours: 1",
                        "  rate: 300",
                        "  speedup: 180",
                        "  late-delay: 5m..30m",
                        "run:",
                        "  catch-up-timeout: 3m",
                        "  report-dir: reports",
                        "  policy: " + policy,
                        "  history: true",
                        ""));

        String stdout;
        String stderr;
        try (CliProcess run = start(config)) {
            assertThat(run.awaitExit(Duration.ofSeconds(270))).as(run.output()).isZero();
            stdout = run.stdout();
            stderr = run.stderr();
        }
        assertThat(stdout).contains("verdict: PASS", "unexplained differences: 0");
        JsonNode summary = new ObjectMapper().readTree(reports.resolve("report.json").toFile());
        assertThat(summary.at("/summary/unexplained").asLong()).isZero();
        assertThat(count("stream.card_transactions"))
                .isEqualTo(count("truth.card_transactions"))
                .isBetween(5000L, 6000L);
        assertThat(count("batch.card_transactions")).isPositive();
        assertThat(stdout + stderr).doesNotContain(PASSWORD);
        // the job ran on the cluster, was cancelled at the end, and was never sent the password
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(
                        () ->
                                assertThat(rest("/jobs/overview").findValuesAsText("state"))
                                        .containsExactly("CANCELED"));
        String jobId = rest("/jobs/overview").path("jobs").get(0).path("jid").asText();
        assertThat(rest("/jobs/" + jobId + "/config").toString()).doesNotContain(PASSWORD);
        // it wrote its rows through checkpoints (every 5 s over a run of more than 20 s)
        assertThat(new FlinkRestClient(flink.restUrl()).completedCheckpoints(jobId)).isPositive();
        assertThat(stderr).contains("not sent to the Flink cluster", "jdbc.password");
        for (String file : List.of("report.html", "report.md", "report.json", "junit.xml")) {
            assertThat(Files.readString(reports.resolve(file))).doesNotContain(PASSWORD);
        }
    }

    @Test
    void aTopicThatAlreadyHoldsRecordsIsRefused() throws Exception {
        Path config = temp.resolve("parity.yaml");
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "kafka:",
                        "  bootstrap-servers: ${env:IT_BROKERS}",
                        "  topic: " + TOPIC_IN_USE,
                        "schema-registry:",
                        "  url: " + stack.schemaRegistryUrl(),
                        "database:",
                        "  url: " + stack.jdbcUrl(),
                        "  user: " + stack.jdbcUser(),
                        "  password: ${env:IT_DB_PASSWORD}",
                        ""));
        try (Admin admin =
                        Admin.create(Map.of("bootstrap.servers", stack.kafkaBootstrapServers()));
                KafkaProducer<byte[], byte[]> producer =
                        new KafkaProducer<>(
                                Map.of("bootstrap.servers", stack.kafkaBootstrapServers()),
                                new ByteArraySerializer(),
                                new ByteArraySerializer())) {
            admin.createTopics(List.of(new NewTopic(TOPIC_IN_USE, 1, (short) 1))).all().get();
            producer.send(new ProducerRecord<>(TOPIC_IN_USE, new byte[] {1})).get();
        }

        String stderr;
        try (CliProcess run = start(config)) {
            assertThat(run.awaitExit(Duration.ofSeconds(120))).as(run.output()).isEqualTo(2);
            stderr = run.stderr();
        }
        // progress goes to stderr as log lines; the error is one line, the last
        List<String> lines = stderr.strip().lines().toList();
        assertThat(lines.stream().filter(l -> l.startsWith("cutover:"))).hasSize(1);
        assertThat(lines.get(lines.size() - 1))
                .startsWith("cutover: topic " + TOPIC_IN_USE + " already holds 1 records")
                .contains("give a new topic name");
    }

    @Test
    void recordsDeletedDuringTheRunEndItWithExitThree() throws Exception {
        String topic = "parity-run-deleted";
        Path config = temp.resolve("parity.yaml");
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "kafka:",
                        "  bootstrap-servers: ${env:IT_BROKERS}",
                        "  topic: " + topic,
                        "  partitions: 2",
                        "schema-registry:",
                        "  url: " + stack.schemaRegistryUrl(),
                        "database:",
                        "  url: " + stack.jdbcUrl(),
                        "  user: " + stack.jdbcUser(),
                        "  password: ${env:IT_DB_PASSWORD}",
                        "flink:", // omitted rest: a local cluster of the run's own
                        "  checkpoint-interval: 5s",
                        "spark:",
                        "  driver-memory: 1g",
                        "load:",
                        "  hours: 1",
                        "  rate: 1000",
                        "  speedup: 600",
                        "  late-delay: 5m..30m",
                        "run:",
                        "  catch-up-timeout: 30s",
                        "  report-dir: reports",
                        ""));
        TopicPartition first = new TopicPartition(topic, 0);
        try (CliProcess run = start(config);
                Admin admin =
                        Admin.create(Map.of("bootstrap.servers", stack.kafkaBootstrapServers()))) {
            // Once the load is under way, its first records go, as a too short retention.ms
            // would delete them.
            long deleted =
                    await().atMost(Duration.ofSeconds(150))
                            .pollInterval(Duration.ofMillis(200))
                            .until(() -> endOffset(admin, first), offset -> offset >= 100);
            admin.deleteRecords(Map.of(first, RecordsToDelete.beforeOffset(deleted)))
                    .all()
                    .get(30, TimeUnit.SECONDS);

            assertThat(run.awaitExit(Duration.ofSeconds(240))).as(run.output()).isEqualTo(3);
            List<String> lines = run.stderr().strip().lines().toList();
            assertThat(lines.get(lines.size() - 1))
                    .as(run.output())
                    .startsWith(
                            "cutover: topic "
                                    + topic
                                    + " deleted "
                                    + deleted
                                    + " of the run's records before the end of the run");
        }
    }

    private static long endOffset(Admin admin, TopicPartition partition) {
        try {
            return admin.listOffsets(Map.of(partition, OffsetSpec.latest()))
                    .partitionResult(partition)
                    .get(10, TimeUnit.SECONDS)
                    .offset();
        } catch (Exception topicNotThereYet) {
            return -1;
        }
    }

    private CliProcess start(Path config) throws IOException {
        return CliProcess.start(
                temp,
                Map.of("IT_BROKERS", stack.kafkaBootstrapServers(), "IT_DB_PASSWORD", PASSWORD),
                "run",
                "--config",
                config.toString());
    }

    private static JsonNode rest(String path) throws Exception {
        HttpResponse<String> response =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create(flink.restUrl() + path)).build(),
                                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return new ObjectMapper().readTree(response.body());
    }

    /**
     * 30 clean hours up to the current one in the run history, as a gate run hourly (the CI
     * workflow) would have recorded them.
     */
    private static void cleanHistoryUpToNow() throws SQLException {
        new RunHistory(new ConnectionSpec(stack.jdbcUrl(), stack.jdbcUser(), stack.jdbcPassword()))
                .migrate();
        try (Connection c =
                        DriverManager.getConnection(
                                stack.jdbcUrl(), stack.jdbcUser(), stack.jdbcPassword());
                Statement s = c.createStatement()) {
            s.execute(
                    "INSERT INTO cutover.reconciliation_runs (started_at, verdict, unexplained,"
                            + " summary) VALUES (now() - interval '1 hour', 'PASS', 0, '{}')");
            s.execute(
                    "INSERT INTO cutover.reconciliation_run_hours (run_id, hour_start, matched,"
                            + " explained, unexplained) SELECT max(r.run_id),"
                            + " date_trunc('hour', now()) - g * interval '1 hour', 5000, 0, 0"
                            + " FROM cutover.reconciliation_runs r, generate_series(0, 29) g"
                            + " GROUP BY g");
        }
    }

    private static long count(String table) throws SQLException {
        try (Connection c =
                        DriverManager.getConnection(
                                stack.jdbcUrl(), stack.jdbcUser(), stack.jdbcPassword());
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM " + table)) {
            r.next();
            return r.getLong(1);
        }
    }
}

package dev.cutover.cli.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.contract.Ports;
import dev.cutover.stack.StackEndpoints;
import dev.cutover.testkit.EmbeddedStackTest;
import dev.cutover.testkit.Jdbc;
import dev.cutover.testkit.KafkaTopics;
import dev.cutover.testkit.TestSchema;
import dev.cutover.testkit.TestTime;
import dev.cutover.testkit.TestTopic;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code cutover generate} against the embedded stack, in-process through {@code Main}. */
@EmbeddedStackTest
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class GenerateCommandITCase {
    @TempDir Path temp;

    @Test
    void generatesWithFaultsAndWritesTruthAndSummary(
            StackEndpoints stack, TestTopic topic, TestSchema schema) throws Exception {
        Path summary = temp.resolve("summary.json");
        String start = TestTime.hourStart(3).toString();

        CliRun run =
                CliRun.of(
                        "generate",
                        "--bootstrap-servers",
                        stack.kafkaBootstrapServers(),
                        "--schema-registry",
                        stack.schemaRegistryUrl(),
                        "--topic",
                        topic.name(),
                        "--create-topic",
                        "3",
                        "--events",
                        "4000",
                        "--start",
                        start,
                        "--speedup",
                        "600",
                        "--rate",
                        "0",
                        "--threads",
                        "2",
                        "--late-fraction",
                        "0.05",
                        "--out-of-order-fraction",
                        "0.05",
                        "--duplicate-fraction",
                        "0.05",
                        "--poison-fraction",
                        "0.02",
                        "--truth-jdbc-url",
                        stack.jdbcUrl(),
                        "--jdbc-user",
                        stack.jdbcUser(),
                        "--truth-schema",
                        schema.name(),
                        "--summary-json",
                        summary.toString());

        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.out()).contains("distinct transactions", "ack latency ms", "p99");
        JsonNode json = new ObjectMapper().readTree(summary.toFile());
        long distinct = json.get("distinct_transactions").asLong();
        assertThat(json.at("/records/acknowledged").asLong()).isEqualTo(4000);
        assertThat(json.get("duplicates").asLong()).isPositive();
        assertThat(json.at("/poison/records").size()).isPositive();
        assertThat(json.at("/late/injected").asLong()).isPositive();
        assertThat(json.at("/events_by_version/v1").asLong()).isPositive();
        assertThat(json.at("/events_by_version/v2").asLong()).isPositive();
        assertThat(json.at("/producer/ack_latency_ms/p99").asDouble()).isPositive();

        assertThat(
                        KafkaTopics.drain(
                                stack.kafkaBootstrapServers(),
                                topic.name(),
                                Duration.ofSeconds(60)))
                .hasSize(4000);
        Number rows =
                (Number)
                        Jdbc.query(
                                        stack,
                                        "SELECT count(*) AS n FROM "
                                                + schema.qualify("card_transactions"))
                                .get(0)
                                .get("n");
        assertThat(rows.longValue()).isEqualTo(distinct);
        Number letters =
                (Number)
                        Jdbc.query(
                                        stack,
                                        "SELECT count(*) AS n FROM "
                                                + schema.qualify("dead_letters"))
                                .get(0)
                                .get("n");
        assertThat(letters.longValue()).isEqualTo(json.at("/poison/records").size());
    }

    @Test
    void missingTopicIsBadInputWithTheHint(StackEndpoints stack, TestTopic topic) {
        CliRun run =
                CliRun.of(
                        "generate",
                        "--bootstrap-servers",
                        stack.kafkaBootstrapServers(),
                        "--schema-registry",
                        stack.schemaRegistryUrl(),
                        "--topic",
                        topic.name(),
                        "--events",
                        "10");

        assertThat(run.code()).as(run.toString()).isEqualTo(2);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).contains(topic.name(), "does not exist", "--create-topic");
    }

    @Test
    void unreachableRegistryIsAnInfrastructureFailure(StackEndpoints stack, TestTopic topic)
            throws IOException {
        int port = Ports.free();
        CliRun run =
                CliRun.of(
                        "generate",
                        "--bootstrap-servers",
                        stack.kafkaBootstrapServers(),
                        "--schema-registry",
                        "http://127.0.0.1:" + port + "/apis/ccompat/v7",
                        "--topic",
                        topic.name(),
                        "--create-topic",
                        "1",
                        "--events",
                        "10");

        assertThat(run.code()).as(run.toString()).isEqualTo(3);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).contains("127.0.0.1:" + port);
    }
}

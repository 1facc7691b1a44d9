package dev.cutover.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.contract.Ports;
import dev.cutover.launch.flink.LocalFlinkJob;
import dev.cutover.launch.flink.StreamJarLocator;
import dev.cutover.stack.StackEndpoints;
import dev.cutover.stream.Truth.Arrival;
import dev.cutover.testkit.EmbeddedStackTest;
import dev.cutover.testkit.KafkaTopics;
import dev.cutover.testkit.TestSchema;
import dev.cutover.testkit.TestTime;
import dev.cutover.testkit.TestTopic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The shaded jar outside the IDE, as {@code cutover stream} runs it (the same launcher): a child
 * JVM on {@code target/flink-lib/*} + the job jar, options from a file only this user can read, a
 * bounded run to the end.
 */
@EmbeddedStackTest
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class LocalLaunchITCase {
    private static final Path JAR = StandaloneClusterITCase.JAR;
    private static final String PASSWORD = "it-Pa55word-4471";

    @Test
    void theShadedJarRunsInItsOwnJvmOnFlinksJars(
            StackEndpoints stack, TestTopic topic, TestSchema schema) throws Exception {
        StreamTables.prepare(stack, topic, schema, 2);
        List<Arrival> arrivals;
        try (FixtureProducer producer =
                new FixtureProducer(
                        stack.kafkaBootstrapServers(),
                        topic.name(),
                        stack.schemaRegistryUrl(),
                        topic.subject())) {
            StreamJobITCase.sendEvents(producer, new Random(11), 0, 400, TestTime.hourStart(1));
            arrivals = producer.flush();
        }
        Map<String, String> options = new HashMap<>();
        options.put("bootstrap.servers", stack.kafkaBootstrapServers());
        options.put("topic", topic.name());
        options.put("schema.registry.url", stack.schemaRegistryUrl());
        options.put("jdbc.url", stack.jdbcUrl());
        options.put("jdbc.user", stack.jdbcUser());
        // The embedded PostgreSQL trusts local connections: any password works, and this one is
        // easy to look for in the job's output.
        options.put("jdbc.password", PASSWORD);
        options.put("jdbc.schema", schema.name());
        options.put("bounded", "true");
        options.put("parallelism", "2");
        options.put("checkpoint.interval", "1s");
        options.put("restart.attempts", "0");

        try (LocalFlinkJob job =
                LocalFlinkJob.start(
                        new StreamJarLocator.StreamJar(JAR, JAR.resolveSibling("flink-lib")),
                        options,
                        "768m",
                        started -> {})) {
            int exit = job.waitFor(Duration.ofSeconds(150));
            String output = Files.readString(job.log());
            assertThat(exit).as(output).isZero();
            assertThat(job.jobId()).hasValueSatisfying(id -> assertThat(id).hasSize(32));
            assertThat(output).doesNotContain(PASSWORD);
        }

        assertThat(StreamTables.cardTransactions(stack, schema))
                .isEqualTo(Truth.cardTransactions(arrivals));
        assertThat(StreamTables.hourlySpend(stack, schema))
                .isEqualTo(StreamTables.keyed(Truth.hourlySpend(arrivals)));
    }

    /**
     * A database that refuses connections fails the job (no restarts allowed), and its JVM ends
     * with exit code 3 and one line naming the database by its URL, never its password: the line
     * {@code cutover stream}, {@code demo} and {@code run} report.
     */
    @Test
    void aDatabaseThatRefusesEndsTheRunWithExitThreeAndOneLine(
            StackEndpoints stack, TestTopic topic) throws Exception {
        KafkaTopics.create(stack.kafkaBootstrapServers(), topic.name(), 1);
        String refusing = "jdbc:postgresql://127.0.0.1:" + Ports.free() + "/postgres";
        Map<String, String> options = new HashMap<>();
        options.put("bootstrap.servers", stack.kafkaBootstrapServers());
        options.put("topic", topic.name());
        options.put("schema.registry.url", stack.schemaRegistryUrl());
        options.put("jdbc.url", refusing + "?password=" + PASSWORD);
        options.put("jdbc.user", stack.jdbcUser());
        options.put("jdbc.password", PASSWORD);
        options.put("parallelism", "1");
        options.put("restart.attempts", "0");

        try (LocalFlinkJob job =
                LocalFlinkJob.start(
                        new StreamJarLocator.StreamJar(JAR, JAR.resolveSibling("flink-lib")),
                        options,
                        "768m",
                        started -> {})) {
            int exit = job.waitFor(Duration.ofSeconds(150));
            String output = Files.readString(job.log());
            assertThat(exit).as(output).isEqualTo(3);
            assertThat(job.tail())
                    .as(output)
                    .startsWith(
                            "cutover-stream: the job failed: cannot write to the database "
                                    + refusing
                                    + " (table stream.")
                    .contains("refused");
            assertThat(output).doesNotContain(PASSWORD);
        }
    }
}

package dev.cutover.cli.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.model.CardTransactionSchemas;
import dev.cutover.model.wire.ConfluentAvroDecoder;
import dev.cutover.model.wire.DecodeException;
import dev.cutover.stack.StackEndpoints;
import dev.cutover.testkit.EmbeddedStackTest;
import dev.cutover.testkit.Jdbc;
import dev.cutover.testkit.KafkaTopics;
import dev.cutover.testkit.TestSchema;
import dev.cutover.testkit.TestTime;
import dev.cutover.testkit.TestTopic;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a {@code cutover generate} run ends before its {@code --events}: Ctrl-C on the real process,
 * and {@code --duration}. Either way the truth (summary and tables) is exactly what the topic
 * holds.
 */
@EmbeddedStackTest
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class GenerateStopITCase {
    private static final Path CLI_JAR =
            Path.of(System.getProperty("cutover.cli.jar", "target/cutover-cli.jar"));
    private static final Pattern PROGRESS_LOG_LINE =
            Pattern.compile("sent \\d+/1000000, acked \\d+, errors 0, \\d+ records/s");

    @TempDir Path temp;
    private Process process;

    @AfterEach
    void killLeftovers() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }

    @Test
    void ctrlCStopsCleanlyAndTheTruthIsWhatTheTopicHolds(
            StackEndpoints stack, TestTopic topic, TestSchema schema) throws Exception {
        Path summary = temp.resolve("summary.json");
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(List.of("-jar", CLI_JAR.toAbsolutePath().toString(), "generate"));
        command.addAll(target(stack, topic));
        command.addAll(
                List.of(
                        "--events",
                        "1000000",
                        "--rate",
                        "400",
                        "--duplicate-fraction",
                        "0.05",
                        "--poison-fraction",
                        "0.02",
                        "--progress-interval",
                        "1s",
                        "--truth-jdbc-url",
                        stack.jdbcUrl(),
                        "--jdbc-user",
                        stack.jdbcUser(),
                        "--truth-schema",
                        schema.name(),
                        "--summary-json",
                        summary.toString()));
        ProcessBuilder builder =
                new ProcessBuilder(command)
                        .directory(temp.toFile())
                        .redirectOutput(temp.resolve("stdout.txt").toFile())
                        .redirectError(temp.resolve("stderr.txt").toFile());
        Optional.ofNullable(stack.jdbcPassword())
                .ifPresent(p -> builder.environment().put("JDBC_PASSWORD", p));
        process = builder.start();

        // Let it send for a while (and log progress), then Ctrl-C.
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () ->
                                !process.isAlive()
                                        || (recordsIn(stack, topic.name()) >= 1000
                                                && progressLogLines() >= 2));
        assertThat(process.isAlive()).as(output()).isTrue();
        String signal = interruptIgnored() ? "TERM" : "INT";
        Process kill =
                new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                        .inheritIO()
                        .start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();

        boolean exited = process.waitFor(90, TimeUnit.SECONDS);
        assertThat(exited)
                .as(
                        () ->
                                "exits after SIG"
                                        + signal
                                        + "\n"
                                        + threadDump(process)
                                        + uncheckedOutput())
                .isTrue();
        assertThat(process.exitValue()).as(output()).isZero();
        String stdout = Files.readString(temp.resolve("stdout.txt"));
        assertThat(stdout).contains("stopped early (signal)", "distinct transactions");
        assertThat(progressLogLines())
                .as("plain progress log lines when not on a terminal")
                .isGreaterThanOrEqualTo(2);

        JsonNode json = new ObjectMapper().readTree(summary.toFile());
        long acknowledged = json.at("/records/acknowledged").asLong();
        assertThat(json.at("/records/failed").asLong()).isZero();
        assertThat(json.at("/records/attempted").asLong())
                .as("every record sent was acknowledged: nothing lost in the flush")
                .isEqualTo(acknowledged);
        assertThat(acknowledged).isBetween(1000L, 999_999L);
        assertTruthIsTheTopic(stack, topic, schema, json);
    }

    @Test
    void durationEndsTheRunAfterAboutThatLong(
            StackEndpoints stack, TestTopic topic, TestSchema schema) throws Exception {
        Path summary = temp.resolve("summary.json");
        List<String> args = new ArrayList<>(List.of("generate"));
        args.addAll(target(stack, topic));
        args.addAll(
                List.of(
                        "--duration",
                        "4s",
                        "--rate",
                        "500",
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
                        summary.toString()));

        CliRun run = CliRun.of(args.toArray(String[]::new));

        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.out()).startsWith("done");
        JsonNode json = new ObjectMapper().readTree(summary.toFile());
        double elapsed = json.at("/producer/elapsed_s").asDouble();
        // Sending stops at 4 s; the flush that follows is quick but the machine may be loaded.
        assertThat(elapsed).isBetween(4.0, 20.0);
        long acknowledged = json.at("/records/acknowledged").asLong();
        assertThat(json.at("/records/attempted").asLong()).isEqualTo(acknowledged);
        assertThat(json.at("/records/failed").asLong()).isZero();
        // 500/s for 4 s, never more (plus the token bucket's first burst of at most a second).
        assertThat(acknowledged).isBetween(100L, 500L * 4 + 500);
        assertTruthIsTheTopic(stack, topic, schema, json);
    }

    /**
     * The topic, read back and decoded, holds exactly the summary's records: as many, the same
     * distinct transactions as the truth table, and the poison at the offsets the summary names.
     */
    private static void assertTruthIsTheTopic(
            StackEndpoints stack, TestTopic topic, TestSchema schema, JsonNode json)
            throws SQLException {
        List<ConsumerRecord<byte[], byte[]>> records =
                KafkaTopics.drain(
                        stack.kafkaBootstrapServers(), topic.name(), Duration.ofSeconds(60));
        assertThat((long) records.size()).isEqualTo(json.at("/records/acknowledged").asLong());

        int v1 = json.at("/run/schema_ids/v1").asInt();
        int v2 = json.at("/run/schema_ids/v2").asInt();
        ConfluentAvroDecoder<GenericRecord> decoder =
                ConfluentAvroDecoder.generic(
                        CardTransactionSchemas.LATEST.schema(),
                        id ->
                                id == v1
                                        ? Optional.of(CardTransactionSchemas.V1.schema())
                                        : id == v2
                                                ? Optional.of(CardTransactionSchemas.V2.schema())
                                                : Optional.empty());
        Set<String> transactions = new HashSet<>();
        Set<String> poisonOffsets = new HashSet<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            try {
                transactions.add(decoder.decode(r.value()).get("transaction_id").toString());
            } catch (DecodeException e) {
                poisonOffsets.add(r.partition() + ":" + r.offset());
            }
        }
        Set<String> summaryPoison = new HashSet<>();
        json.at("/poison/records")
                .forEach(p -> summaryPoison.add(p.get("partition") + ":" + p.get("offset")));
        assertThat(poisonOffsets).isEqualTo(summaryPoison);
        assertThat((long) transactions.size())
                .isEqualTo(json.get("distinct_transactions").asLong());
        Number rows =
                (Number)
                        Jdbc.query(
                                        stack,
                                        "SELECT count(*) AS n FROM "
                                                + schema.qualify("card_transactions"))
                                .get(0)
                                .get("n");
        assertThat(rows.longValue()).isEqualTo(transactions.size());
        List<Map<String, Object>> ids =
                Jdbc.query(
                        stack,
                        "SELECT transaction_id::text AS id FROM "
                                + schema.qualify("card_transactions"));
        Set<String> truthIds = new HashSet<>();
        ids.forEach(row -> truthIds.add(String.valueOf(row.get("id"))));
        assertThat(truthIds).isEqualTo(transactions);
    }

    private static List<String> target(StackEndpoints stack, TestTopic topic) {
        return List.of(
                "--bootstrap-servers",
                stack.kafkaBootstrapServers(),
                "--schema-registry",
                stack.schemaRegistryUrl(),
                "--topic",
                topic.name(),
                "--create-topic",
                "2",
                "--start",
                TestTime.hourStart(2).toString(),
                "--seed",
                "11");
    }

    /** Records in the topic now (the sum of its end offsets), 0 before it exists. */
    private static long recordsIn(StackEndpoints stack, String topic) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(topic, Duration.ofSeconds(5)).stream()
                            .map(p -> new TopicPartition(topic, p.partition()))
                            .toList();
            return consumer.endOffsets(partitions, Duration.ofSeconds(5)).values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private long progressLogLines() throws Exception {
        return Files.readAllLines(temp.resolve("stderr.txt"), StandardCharsets.UTF_8).stream()
                .filter(line -> PROGRESS_LOG_LINE.matcher(line).find())
                .count();
    }

    /**
     * Whether this JVM was started with SIGINT ignored (e.g. under a non-interactive shell's {@code
     * &}): a child inherits that, the JVM then installs no handler for it, and Ctrl-C cannot reach
     * {@code cutover generate} at all; SIGTERM, which it handles the same way, can.
     */
    private static boolean interruptIgnored() throws Exception {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return false;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                long ignored = Long.parseUnsignedLong(line.substring(7).trim(), 16);
                return (ignored & (1L << (2 - 1))) != 0; // SIGINT is signal 2
            }
        }
        return false;
    }

    /** The child's threads (jcmd of this JDK), to tell where a run that did not stop hangs. */
    private static String threadDump(Process child) {
        try {
            Path jcmd =
                    Path.of(ProcessHandle.current().info().command().orElse("java"))
                            .resolveSibling("jcmd");
            Process dump =
                    new ProcessBuilder(jcmd.toString(), Long.toString(child.pid()), "Thread.print")
                            .redirectErrorStream(true)
                            .start();
            String threads =
                    new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            dump.waitFor(30, TimeUnit.SECONDS);
            return "--- threads\n" + threads;
        } catch (Exception e) {
            return "--- no thread dump: " + e + "\n";
        }
    }

    private String uncheckedOutput() {
        try {
            return output();
        } catch (Exception e) {
            return "--- no output: " + e;
        }
    }

    private String output() throws Exception {
        return "--- stdout\n"
                + Files.readString(temp.resolve("stdout.txt"))
                + "--- stderr\n"
                + Files.readString(temp.resolve("stderr.txt"));
    }
}

package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.cli.generate.CliRun;
import dev.cutover.model.db.OutputTables;
import dev.cutover.stack.StackEndpoints;
import dev.cutover.testkit.EmbeddedStackTest;
import dev.cutover.testkit.Jdbc;
import dev.cutover.testkit.KafkaTopics;
import dev.cutover.testkit.TestSchema;
import dev.cutover.testkit.TestTime;
import dev.cutover.testkit.TestTopic;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Records stamped a month back are kept by the embedded broker and read by both pipelines; once the
 * topic has deleted them (as retention would), a bounded stream run and a batch hour each say so in
 * one line and exit 3 instead of writing empty tables.
 */
@EmbeddedStackTest
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class AgedRecordsITCase {

    private static final int RECORDS = 300;

    @Test
    void monthOldRecordsAreReadAndDeletedOnesAreReported(
            StackEndpoints stack, TestTopic topic, TestSchema schema) throws Exception {
        String batchSchema = schema.name() + "_batch";
        Jdbc.execute(stack, "CREATE SCHEMA " + batchSchema);
        for (String name : List.of(schema.name(), batchSchema)) {
            OutputTables.migrateSchema(
                    stack.jdbcUrl(), stack.jdbcUser(), stack.jdbcPassword(), name);
        }
        Instant hour = TestTime.hourStart(30 * 24);

        CliRun generated =
                cutover(
                        stack,
                        topic,
                        "generate",
                        "--create-topic",
                        "2",
                        "--events",
                        Integer.toString(RECORDS),
                        "--rate",
                        "0",
                        "--start",
                        // ten minutes in: events are stamped up to 2 s before they arrive
                        hour.plusSeconds(600).toString());
        assertThat(generated.code()).as(generated.toString()).isZero();

        CliRun stream = stream(stack, topic, schema.name(), topic.name());
        assertThat(stream.code()).as(stream.toString()).isZero();
        assertThat(transactions(stack, schema.name(), hour)).isEqualTo(RECORDS);

        CliRun batch = batch(stack, topic, batchSchema, hour);
        assertThat(batch.code()).as(batch.toString()).isZero();
        assertThat(transactions(stack, batchSchema, hour)).isEqualTo(RECORDS);

        deleteAll(stack, topic);

        CliRun streamAfter = stream(stack, topic, schema.name(), topic.name() + "-again");
        assertThat(streamAfter.code()).as(streamAfter.toString()).isEqualTo(3);
        assertThat(streamAfter.errLines())
                .as(streamAfter.toString())
                .singleElement()
                .asString()
                .contains(
                        "topic " + topic.name() + " holds none of the " + RECORDS,
                        "a bounded run would read nothing");

        CliRun batchAfter = batch(stack, topic, batchSchema, hour, "--resolve-offsets");
        assertThat(batchAfter.code()).as(batchAfter.toString()).isEqualTo(3);
        assertThat(batchAfter.errLines())
                .as(batchAfter.toString())
                .singleElement()
                .asString()
                .contains(
                        "hour " + hour + ": read no records: topic " + topic.name(),
                        "deleted its first " + RECORDS + " records",
                        "keeps none at all");
        // what the first runs wrote is untouched
        assertThat(transactions(stack, batchSchema, hour)).isEqualTo(RECORDS);
    }

    private static CliRun stream(
            StackEndpoints stack, TestTopic topic, String outputSchema, String group) {
        return cutover(
                stack,
                topic,
                "stream",
                "--bounded",
                "--output-schema",
                outputSchema,
                "--group-id",
                group,
                "--parallelism",
                "1",
                "--heap",
                "768m");
    }

    private static CliRun batch(
            StackEndpoints stack,
            TestTopic topic,
            String outputSchema,
            Instant hour,
            String... more) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "--hour",
                                hour.toString(),
                                "--output-schema",
                                outputSchema,
                                "--driver-memory",
                                "768m"));
        args.addAll(List.of(more));
        return cutover(stack, topic, "batch", args.toArray(String[]::new));
    }

    private static CliRun cutover(
            StackEndpoints stack, TestTopic topic, String command, String... options) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                command,
                                "--bootstrap-servers",
                                stack.kafkaBootstrapServers(),
                                "--schema-registry",
                                stack.schemaRegistryUrl(),
                                "--topic",
                                topic.name()));
        if (!command.equals("generate")) {
            args.addAll(List.of("--jdbc-url", stack.jdbcUrl(), "--jdbc-user", stack.jdbcUser()));
        }
        args.addAll(List.of(options));
        return CliRun.of(args.toArray(String[]::new));
    }

    private static long transactions(StackEndpoints stack, String schema, Instant hour)
            throws Exception {
        return (Long)
                Jdbc.query(
                                stack,
                                "SELECT count(*) AS n FROM "
                                        + schema
                                        + ".card_transactions WHERE event_hour = ?::timestamptz",
                                hour.toString())
                        .get(0)
                        .get("n");
    }

    /** Deletes every record of the topic, as retention does once they are old enough. */
    private static void deleteAll(StackEndpoints stack, TestTopic topic) throws Exception {
        Map<TopicPartition, Long> ends;
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        Map.of(
                                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                stack.kafkaBootstrapServers()),
                        new ByteArrayDeserializer(),
                        new ByteArrayDeserializer())) {
            ends =
                    consumer.endOffsets(
                            consumer.partitionsFor(topic.name()).stream()
                                    .map(p -> new TopicPartition(topic.name(), p.partition()))
                                    .toList());
        }
        try (Admin admin =
                Admin.create(Map.of("bootstrap.servers", stack.kafkaBootstrapServers()))) {
            admin.deleteRecords(
                            ends.entrySet().stream()
                                    .collect(
                                            Collectors.toMap(
                                                    Map.Entry::getKey,
                                                    e ->
                                                            RecordsToDelete.beforeOffset(
                                                                    e.getValue()))))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
        assertThat(KafkaTopics.offsets(stack.kafkaBootstrapServers(), topic.name()))
                .isEqualTo(new KafkaTopics.Offsets(RECORDS, RECORDS));
    }
}

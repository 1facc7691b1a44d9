package dev.cutover.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.batch.config.BatchOptions;
import dev.cutover.batch.io.JdbcTarget;
import dev.cutover.contract.Defaults;
import dev.cutover.model.CardTransactionSchemas;
import dev.cutover.model.registry.SchemaRegistryClient;
import dev.cutover.model.rules.EventHours;
import dev.cutover.stack.StackEndpoints;
import dev.cutover.testkit.EmbeddedStackTest;
import dev.cutover.testkit.Jdbc;
import dev.cutover.testkit.KafkaTopics;
import dev.cutover.testkit.TestSchema;
import dev.cutover.testkit.TestTime;
import dev.cutover.testkit.TestTopic;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The batch end to end on the embedded stack: three simulated hours with late records, duplicates
 * and poison go through Kafka; the batch runs once per hour; its tables must equal the ground truth
 * restricted to what had arrived by each hour's cutoff, and a rerun must change nothing.
 */
@EmbeddedStackTest
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class BatchJobITCase {
    private static final int PARTITIONS = 3;
    private static final Duration GRACE = Defaults.GRACE;
    private static final String COLUMNS =
            "transaction_id, account_id, event_time, event_hour, amount, currency, amount_usd,"
                    + " merchant_category, status, is_international, masked_card, kafka_timestamp";

    @Test
    void eachHourHoldsWhatArrivedByItsCutoffAndRerunsChangeNothing(
            StackEndpoints stack, TestTopic topic, TestSchema schema) throws Exception {
        KafkaTopics.create(stack.kafkaBootstrapServers(), topic.name(), PARTITIONS);
        SchemaRegistryClient registry = SchemaRegistryClient.of(stack.schemaRegistryUrl());
        int v1 = registry.register(topic.subject(), CardTransactionSchemas.V1.schema());
        int v2 = registry.register(topic.subject(), CardTransactionSchemas.V2.schema());
        // Simulated hours in the recent past: the broker keeps them (retention by timestamp).
        Instant first = TestTime.hourStart(8);
        List<Instant> hours = List.of(first, first.plusSeconds(3600), first.plusSeconds(7200));
        SimulatedHours traffic = SimulatedHours.generate(7, first, 3, 40, PARTITIONS, v1, v2);
        produce(stack, topic.name(), traffic.sent());

        BatchJob job = new BatchJob(SharedSpark.get(), options(stack, topic, schema));
        List<BatchJob.RunSummary> runs = new ArrayList<>();
        for (Instant hour : hours) {
            runs.add(job.run(hour));
        }

        for (Instant hour : hours) {
            List<String> expected =
                    traffic.expectedIn(hour, GRACE).stream()
                            .map(e -> e.expectedRow(traffic.firstArrival(e)))
                            .toList();
            assertThat(expected).isNotEmpty();
            assertThat(transactions(stack, schema, hour))
                    .as("card_transactions of %s", hour)
                    .containsExactlyInAnyOrderElementsOf(expected);
            assertThat(spend(stack, schema, hour))
                    .as("account_hourly_spend of %s", hour)
                    .containsExactlyInAnyOrderElementsOf(expectedSpend(traffic, hour));
            assertThat(traffic.tooLateFor(hour, GRACE)).isNotEmpty();
        }
        List<String> allIds =
                Jdbc.query(
                                stack,
                                "SELECT transaction_id FROM " + schema.qualify("card_transactions"))
                        .stream()
                        .map(row -> row.get("transaction_id").toString())
                        .toList();
        for (Instant hour : hours) {
            assertThat(allIds)
                    .as("too-late records of %s land in no hour", hour)
                    .doesNotContainAnyElementsOf(
                            traffic.tooLateFor(hour, GRACE).stream()
                                    .map(TestEvent::transactionId)
                                    .toList());
        }

        // Dead letters: every poison record each window read, once, with the model's codes.
        List<SimulatedHours.Sent> poisonRead =
                traffic.sent().stream()
                        .filter(s -> s.event() == null)
                        .filter(
                                s ->
                                        s.arrival()
                                                .isBefore(
                                                        EventHours.batchCutoff(
                                                                hours.get(2), GRACE)))
                        .toList();
        Map<String, Long> reasons = new TreeMap<>();
        for (Map<String, Object> row :
                Jdbc.query(stack, "SELECT reason FROM " + schema.qualify("dead_letters"))) {
            reasons.merge(row.get("reason").toString(), 1L, Long::sum);
        }
        Map<String, Long> expectedReasons = new TreeMap<>();
        for (SimulatedHours.Sent poison : poisonRead) {
            String reason =
                    poison.value()[0] == 7
                            ? "bad-magic-byte"
                            : poison.value().length == 2 ? "too-short" : "unknown-schema-id";
            expectedReasons.merge(reason, 1L, Long::sum);
        }
        assertThat(reasons).isEqualTo(expectedReasons);

        // batch.runs holds the resolved offsets: end = records that arrived before the cutoff.
        for (int i = 0; i < hours.size(); i++) {
            Instant cutoff = EventHours.batchCutoff(hours.get(i), GRACE);
            Map<Integer, Long> expectedEnd = new TreeMap<>();
            for (int p = 0; p < PARTITIONS; p++) {
                int partition = p;
                expectedEnd.put(
                        p,
                        traffic.sent().stream()
                                .filter(s -> s.partition() == partition)
                                .filter(s -> s.arrival().isBefore(cutoff))
                                .count());
            }
            assertThat(runs.get(i).offsets().end()).isEqualTo(expectedEnd);
            assertThat(runs.get(i).offsets().start())
                    .containsOnlyKeys(0, 1, 2)
                    .doesNotContainValue(null);
        }

        // A rerun of the middle hour, after a late record of that hour arrived, changes nothing.
        Instant middle = hours.get(1);
        List<String> before = transactions(stack, schema, middle);
        List<String> spendBefore = spend(stack, schema, middle);
        TestEvent straggler =
                TestEvent.of(
                        "straggler", "acct-1", "5.00", "USD", middle.plusSeconds(60), "APPROVED");
        produce(
                stack,
                topic.name(),
                List.of(
                        new SimulatedHours.Sent(
                                0,
                                middle.plusSeconds(1800),
                                straggler.encode(v2, CardTransactionSchemas.V2),
                                straggler)));
        BatchJob.RunSummary rerun = job.run(middle);
        assertThat(rerun.offsetsReused()).isTrue();
        assertThat(rerun.offsets()).isEqualTo(runs.get(1).offsets());
        assertThat(transactions(stack, schema, middle)).isEqualTo(before);
        assertThat(spend(stack, schema, middle)).isEqualTo(spendBefore);

        List<Map<String, Object>> runRows =
                Jdbc.query(
                        stack,
                        "SELECT run_id, hour_start, start_offsets::text AS s, end_offsets::text AS"
                                + " e, offsets_from_run, records_read, transactions FROM "
                                + schema.qualify("runs")
                                + " ORDER BY finished_at");
        assertThat(runRows).hasSize(4);
        assertThat(runRows.get(3).get("offsets_from_run").toString())
                .isEqualTo(runs.get(1).runId().toString());
        assertThat(runRows.get(3).get("e")).isEqualTo(runRows.get(1).get("e"));
        assertThat(((Number) runRows.get(1).get("transactions")).longValue())
                .isEqualTo(traffic.expectedIn(middle, GRACE).size());
    }

    static BatchOptions options(StackEndpoints stack, TestTopic topic, TestSchema schema) {
        return new BatchOptions(
                Map.of("bootstrap.servers", stack.kafkaBootstrapServers()),
                topic.name(),
                stack.schemaRegistryUrl(),
                null,
                new JdbcTarget(
                        stack.jdbcUrl(), stack.jdbcUser(), stack.jdbcPassword(), schema.name()),
                GRACE,
                Duration.ofHours(6),
                true,
                0);
    }

    static void produce(StackEndpoints stack, String topic, List<SimulatedHours.Sent> records)
            throws Exception {
        Map<String, Object> config =
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        stack.kafkaBootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true,
                        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                        ByteArraySerializer.class,
                        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                        ByteArraySerializer.class);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
            List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
            for (SimulatedHours.Sent record : records) {
                acks.add(
                        producer.send(
                                new ProducerRecord<>(
                                        topic,
                                        record.partition(),
                                        record.arrival().toEpochMilli(),
                                        null,
                                        record.value())));
            }
            for (java.util.concurrent.Future<?> ack : acks) {
                ack.get(30, TimeUnit.SECONDS);
            }
        }
    }

    static List<String> transactions(StackEndpoints stack, TestSchema schema, Instant hour)
            throws Exception {
        return Jdbc.query(
                        stack,
                        "SELECT "
                                + COLUMNS
                                + " FROM "
                                + schema.qualify("card_transactions")
                                + " WHERE event_hour = ? ORDER BY transaction_id",
                        Timestamp.from(hour))
                .stream()
                .map(BatchJobITCase::render)
                .toList();
    }

    static List<String> spend(StackEndpoints stack, TestSchema schema, Instant hour)
            throws Exception {
        return Jdbc.query(
                        stack,
                        "SELECT account_id, hour_start, txn_count, approved_amount_usd,"
                                + " declined_count, international_count, max_amount_usd FROM "
                                + schema.qualify("account_hourly_spend")
                                + " WHERE hour_start = ? ORDER BY account_id",
                        Timestamp.from(hour))
                .stream()
                .map(BatchJobITCase::render)
                .toList();
    }

    /** account_hourly_spend computed from the ground truth with the model's rules. */
    static List<String> expectedSpend(SimulatedHours traffic, Instant hour) {
        Map<String, List<TestEvent>> byAccount =
                traffic.expectedIn(hour, GRACE).stream()
                        .collect(Collectors.groupingBy(TestEvent::accountId));
        List<String> rows = new ArrayList<>();
        byAccount.forEach(
                (account, events) -> {
                    BigDecimal approved =
                            events.stream()
                                    .filter(e -> e.status().equals("APPROVED"))
                                    .map(TestEvent::amountUsd)
                                    .reduce(new BigDecimal("0.00"), BigDecimal::add);
                    BigDecimal max =
                            events.stream()
                                    .map(TestEvent::amountUsd)
                                    .max(BigDecimal::compareTo)
                                    .orElseThrow();
                    rows.add(
                            String.join(
                                    "|",
                                    account,
                                    hour.toString(),
                                    String.valueOf(events.size()),
                                    approved.toPlainString(),
                                    String.valueOf(
                                            events.stream()
                                                    .filter(e -> e.status().equals("DECLINED"))
                                                    .count()),
                                    String.valueOf(
                                            events.stream()
                                                    .filter(
                                                            e ->
                                                                    dev.cutover.model.rules
                                                                            .International
                                                                            .isInternational(
                                                                                    e.country()))
                                                    .count()),
                                    max.toPlainString()));
                });
        return rows;
    }

    static String render(Map<String, Object> row) {
        return row.values().stream()
                .map(
                        value ->
                                value instanceof Timestamp t
                                        ? t.toInstant().toString()
                                        : value instanceof BigDecimal d
                                                ? d.toPlainString()
                                                : String.valueOf(value))
                .collect(Collectors.joining("|"));
    }
}

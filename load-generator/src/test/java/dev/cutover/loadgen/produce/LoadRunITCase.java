package dev.cutover.loadgen.produce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.loadgen.config.DelayRange;
import dev.cutover.loadgen.config.FaultOptions;
import dev.cutover.loadgen.config.GeneratorOptions;
import dev.cutover.loadgen.generate.SchemaIds;
import dev.cutover.loadgen.truth.Arrival;
import dev.cutover.loadgen.truth.DeadLetter;
import dev.cutover.loadgen.truth.GroundTruth;
import dev.cutover.loadgen.truth.HourlySpend;
import dev.cutover.loadgen.truth.TruthReport;
import dev.cutover.loadgen.truth.TruthTransaction;
import dev.cutover.loadgen.truth.TruthWriter;
import dev.cutover.model.CardTransaction;
import dev.cutover.model.CardTransactionSchemas;
import dev.cutover.model.registry.SchemaRegistryClient;
import dev.cutover.model.wire.ConfluentAvroDecoder;
import dev.cutover.model.wire.DecodeException;
import dev.cutover.stack.StackEndpoints;
import dev.cutover.testkit.EmbeddedStackTest;
import dev.cutover.testkit.Jdbc;
import dev.cutover.testkit.KafkaTopics;
import dev.cutover.testkit.TestSchema;
import dev.cutover.testkit.TestTime;
import dev.cutover.testkit.TestTopic;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Generates a run with every fault into the embedded Kafka, reads the topic back with a plain
 * consumer and the model's decoder, and checks that the decoded events (first arrivals) and the
 * poison offsets are exactly the ground truth, then that the truth tables in PostgreSQL hold it.
 */
@EmbeddedStackTest
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class LoadRunITCase {
    static final int EVENTS = 50_000;
    static final int PARTITIONS = 4;

    @Test
    void consumedTopicEqualsTheTruth(StackEndpoints stack, TestTopic topic, TestSchema schema)
            throws Exception {
        KafkaTopics.create(stack.kafkaBootstrapServers(), topic.name(), PARTITIONS);
        SchemaRegistryClient registry = SchemaRegistryClient.of(stack.schemaRegistryUrl());
        SchemaIds ids = SchemaRegistration.register(registry, topic.name());
        // Three simulated hours in the past, 50k records over them (the broker rejects
        // timestamps more than an hour in the future).
        Instant start = TestTime.hourStart(4);
        GeneratorOptions options =
                new GeneratorOptions(
                        2026,
                        500,
                        1.1,
                        new dev.cutover.loadgen.config.SchemaMix(0.3),
                        start,
                        216, // 3 h of simulated time at the nominal 1000/s
                        0,
                        GeneratorOptions.DEFAULT_NOMINAL_RATE,
                        OptionalLong.of(EVENTS),
                        Optional.empty(),
                        2,
                        new FaultOptions(0.04, DelayRange.parse("5m..3h"), 0.03, 0.03, 0.01),
                        Duration.ofMinutes(10));
        Properties client = new Properties();
        client.setProperty("bootstrap.servers", stack.kafkaBootstrapServers());

        LoadRun.Result result = LoadRun.execute(options, topic.name(), client, ids, load -> {});
        TruthReport truth = result.truth();

        assertThat(result.stats().failed()).isZero();
        assertThat(result.stats().acknowledged()).isEqualTo(EVENTS);
        assertThat(truth.counts().duplicates()).isGreaterThan(1000);
        assertThat(truth.counts().lateFaults()).isGreaterThan(1000);
        assertThat(truth.deadLetters()).hasSizeGreaterThan(300);
        assertThat(truth.transactions())
                .filteredOn(TruthTransaction::afterBatchCutoff)
                .isNotEmpty();

        // Read everything back, as a pipeline would.
        List<ConsumerRecord<byte[], byte[]>> records =
                KafkaTopics.drain(
                        stack.kafkaBootstrapServers(), topic.name(), Duration.ofSeconds(90));
        assertThat(records).hasSize(EVENTS);
        ConfluentAvroDecoder<CardTransaction> decoder =
                ConfluentAvroDecoder.specific(CardTransactionSchemas.LATEST.schema(), registry);
        Map<String, CardTransaction> decoded = new HashMap<>();
        Map<String, Arrival> first = new HashMap<>();
        List<String> poison = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            Arrival arrival = new Arrival(record.timestamp(), record.partition(), record.offset());
            try {
                CardTransaction t = decoder.decode(record.value());
                String id = t.getTransactionId().toString();
                assertThat(new String(record.key(), java.nio.charset.StandardCharsets.UTF_8))
                        .isEqualTo(t.getAccountId());
                CardTransaction before = decoded.putIfAbsent(id, t);
                if (before != null) {
                    assertThat(t.toString()).isEqualTo(before.toString()); // same payload
                }
                first.merge(id, arrival, (a, b) -> a.compareTo(b) <= 0 ? a : b);
            } catch (DecodeException e) {
                poison.add(record.partition() + "/" + record.offset() + "/" + e.failure().code());
            }
        }
        Map<String, TruthTransaction> truthById = new HashMap<>();
        truth.transactions().forEach(t -> truthById.put(t.transactionId(), t));
        List<TruthTransaction> fromTopic = new ArrayList<>();
        for (Map.Entry<String, CardTransaction> e : decoded.entrySet()) {
            TruthTransaction truthRow = truthById.get(e.getKey());
            fromTopic.add(
                    GroundTruth.row(
                            e.getValue(),
                            first.get(e.getKey()),
                            truthRow == null ? "?" : truthRow.schemaVersion(),
                            truthRow != null && truthRow.lateFault(),
                            options.grace()));
        }
        fromTopic.sort(java.util.Comparator.comparing(TruthTransaction::transactionId));
        assertThat(fromTopic).containsExactlyElementsOf(truth.transactions());
        assertThat(poison)
                .containsExactlyInAnyOrderElementsOf(
                        truth.deadLetters().stream()
                                .map(d -> d.partition() + "/" + d.offset() + "/" + d.reason())
                                .toList());

        // The truth tables.
        TruthWriter writer =
                new TruthWriter(
                        stack.jdbcUrl(), stack.jdbcUser(), stack.jdbcPassword(), schema.name());
        writer.migrate();
        writer.write(truth);
        writer.write(truth); // a rerun replaces, not adds

        Map<String, Object> tx =
                Jdbc.query(
                                stack,
                                "SELECT count(*) AS n, sum(amount_usd) AS usd,"
                                        + " count(*) FILTER (WHERE is_international) AS intl,"
                                        + " min(kafka_timestamp) AS first_ts FROM "
                                        + schema.qualify("card_transactions"))
                        .get(0);
        assertThat(((Number) tx.get("n")).longValue()).isEqualTo(decoded.size());
        assertThat((BigDecimal) tx.get("usd"))
                .isEqualByComparingTo(
                        truth.transactions().stream()
                                .map(TruthTransaction::amountUsd)
                                .reduce(BigDecimal.ZERO, BigDecimal::add));
        assertThat(((Number) tx.get("intl")).longValue())
                .isEqualTo(
                        truth.transactions().stream()
                                .filter(TruthTransaction::international)
                                .count());
        Map<String, Object> spend =
                Jdbc.query(
                                stack,
                                "SELECT count(*) AS n, sum(txn_count) AS txns,"
                                        + " sum(approved_amount_usd) AS approved FROM "
                                        + schema.qualify("account_hourly_spend"))
                        .get(0);
        assertThat(((Number) spend.get("n")).longValue()).isEqualTo(truth.hourlySpend().size());
        assertThat(((Number) spend.get("txns")).longValue()).isEqualTo(decoded.size());
        assertThat((BigDecimal) spend.get("approved"))
                .isEqualByComparingTo(
                        truth.hourlySpend().stream()
                                .map(HourlySpend::approvedAmountUsd)
                                .reduce(BigDecimal.ZERO, BigDecimal::add));
        List<Map<String, Object>> letters =
                Jdbc.query(
                        stack,
                        "SELECT kafka_partition, kafka_offset, reason FROM "
                                + schema.qualify("dead_letters"));
        assertThat(
                        letters.stream()
                                .map(
                                        r ->
                                                r.get("kafka_partition")
                                                        + "/"
                                                        + r.get("kafka_offset")
                                                        + "/"
                                                        + r.get("reason"))
                                .toList())
                .containsExactlyInAnyOrderElementsOf(poison);
        assertThat(truth.deadLetters()).extracting(DeadLetter::topic).containsOnly(topic.name());
    }
}

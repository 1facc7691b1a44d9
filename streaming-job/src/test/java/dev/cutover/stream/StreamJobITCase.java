package dev.cutover.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cutover.contract.stream.StreamJobOptions;
import dev.cutover.model.CardTransactionSchemas;
import dev.cutover.stack.StackEndpoints;
import dev.cutover.stream.TestEvents.Event;
import dev.cutover.stream.Truth.Arrival;
import dev.cutover.stream.pipeline.StreamJob;
import dev.cutover.testkit.EmbeddedStackTest;
import dev.cutover.testkit.Jdbc;
import dev.cutover.testkit.TestSchema;
import dev.cutover.testkit.TestTime;
import dev.cutover.testkit.TestTopic;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.TableResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The job on a local MiniCluster against the embedded stack: Kafka (3 partitions) with v1 and v2
 * records, duplicates (some whose later copy carries the earlier Kafka timestamp), late events and
 * every poison kind → stream tables equal to what the model's rules compute.
 */
@EmbeddedStackTest
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class StreamJobITCase {
    /**
     * Kafka time of the first event: the bounded run's events span under 3 h, the unbounded run's
     * late events arrive at START + 5 h; all of it lies in the past.
     */
    private static final Instant START = TestTime.hourStart(6);

    private static final String[] CURRENCIES = {"USD", "EUR", "GBP", "CAD", "JPY", "MXN"};
    private static final String[] STATUSES = {"APPROVED", "APPROVED", "DECLINED", "REVERSED"};
    private static final String[] COUNTRIES = {"US", "US", "FR", "GB", "MX", "JP"};
    private static final String[] MCCS = {"5814", "5411", "3001", "4111", "6011", "7999", "0000"};

    @Test
    void boundedRunEndsWithTheTruthAndEveryPoisonRecordInDeadLetters(
            StackEndpoints stack, TestTopic topic, TestSchema schema) throws Exception {
        StreamTables.prepare(stack, topic, schema, 3);
        List<Arrival> arrivals;
        Map<String, Long> poison;
        try (FixtureProducer producer =
                new FixtureProducer(
                        stack.kafkaBootstrapServers(),
                        topic.name(),
                        stack.schemaRegistryUrl(),
                        topic.subject())) {
            sendEvents(producer, new Random(42), 0, 1500, START);
            poison = sendPoison(producer);
            arrivals = producer.flush();
        }

        TableResult result = submit(stack, topic, schema, true);
        result.await(3, TimeUnit.MINUTES);

        assertThat(StreamTables.cardTransactions(stack, schema))
                .isEqualTo(Truth.cardTransactions(arrivals));
        assertThat(StreamTables.hourlySpend(stack, schema))
                .isEqualTo(StreamTables.keyed(Truth.hourlySpend(arrivals)));
        Map<String, Long> deadLetters = new TreeMap<>();
        for (Map<String, Object> row :
                Jdbc.query(
                        stack,
                        "SELECT reason, count(*) AS n FROM "
                                + schema.qualify("dead_letters")
                                + " GROUP BY reason")) {
            deadLetters.put((String) row.get("reason"), (Long) row.get("n"));
        }
        assertThat(deadLetters).isEqualTo(poison);

        // the instant in the database is the event's UTC instant, whatever the session zone
        Arrival one = arrivals.get(0);
        Object utc =
                Jdbc.query(
                                stack,
                                "SELECT to_char(event_time AT TIME ZONE 'UTC',"
                                        + " 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') AS t FROM "
                                        + schema.qualify("card_transactions")
                                        + " WHERE transaction_id = ?",
                                one.event().transactionId())
                        .get(0)
                        .get("t");
        assertThat(Instant.parse((String) utc)).isEqualTo(one.event().eventTime());
    }

    @Test
    void unboundedRunUpdatesHourlyAggregatesWhenEventsArriveLate(
            StackEndpoints stack, TestTopic topic, TestSchema schema) throws Exception {
        StreamTables.prepare(stack, topic, schema, 2);
        try (FixtureProducer producer =
                new FixtureProducer(
                        stack.kafkaBootstrapServers(),
                        topic.name(),
                        stack.schemaRegistryUrl(),
                        topic.subject())) {
            Random random = new Random(7);
            sendEvents(producer, random, 0, 300, START);
            List<Arrival> first = producer.flush();

            JobClient job = submit(stack, topic, schema, false).getJobClient().orElseThrow();
            try {
                awaitEqual(
                        () -> hourly(stack, schema),
                        StreamTables.keyed(Truth.hourlySpend(first)),
                        job);

                // events of the first hours arriving two hours after their hour ended
                Instant later = START.plus(Duration.ofHours(5));
                for (int i = 0; i < 50; i++) {
                    Event e = event(random, "late-" + i, START.plusSeconds(random.nextInt(3600)));
                    producer.send(e, CardTransactionSchemas.V2, i % 2, later.plusSeconds(i));
                }
                List<Arrival> all = producer.flush();
                Map<String, List<Object>> expected = StreamTables.keyed(Truth.hourlySpend(all));
                assertThat(expected).isNotEqualTo(StreamTables.keyed(Truth.hourlySpend(first)));
                awaitEqual(() -> hourly(stack, schema), expected, job);
                // The two tables are written by different sinks, each flushing on its own: the
                // hourly rows can be complete while a card_transactions batch is still buffered.
                awaitEqual(() -> cardTransactions(stack, schema), Truth.cardTransactions(all), job);
            } finally {
                job.cancel().get(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void hourlyRowsThatTheirSinkNeverFlushesOnItsOwnAreWrittenAtCheckpoints(
            StackEndpoints stack, TestTopic topic, TestSchema schema) throws Exception {
        StreamTables.prepare(stack, topic, schema, 2);
        try (FixtureProducer producer =
                new FixtureProducer(
                        stack.kafkaBootstrapServers(),
                        topic.name(),
                        stack.schemaRegistryUrl(),
                        topic.subject())) {
            // 300 transactions of 12 accounts: every account-hour changes many times, and its
            // sink's buffer (the last row per key) flushes neither by size nor by time within the
            // test, only at the 1 s checkpoints.
            sendEvents(producer, new Random(11), 0, 300, START);
            List<Arrival> all = producer.flush();

            JobClient job =
                    submit(
                                    stack,
                                    topic,
                                    schema,
                                    false,
                                    Map.of(
                                            "sink.hourly.flush-interval", "1h",
                                            "sink.hourly.batch-size", "100000000"))
                            .getJobClient()
                            .orElseThrow();
            try {
                awaitEqual(
                        () -> hourly(stack, schema),
                        StreamTables.keyed(Truth.hourlySpend(all)),
                        job);
                awaitEqual(() -> cardTransactions(stack, schema), Truth.cardTransactions(all), job);
            } finally {
                job.cancel().get(30, TimeUnit.SECONDS);
            }
        }
    }

    static TableResult submit(
            StackEndpoints stack, TestTopic topic, TestSchema schema, boolean bounded) {
        return submit(stack, topic, schema, bounded, Map.of());
    }

    /** As {@link #submit(StackEndpoints, TestTopic, TestSchema, boolean)}, with job options. */
    static TableResult submit(
            StackEndpoints stack,
            TestTopic topic,
            TestSchema schema,
            boolean bounded,
            Map<String, String> options) {
        Map<String, String> values = new HashMap<>();
        values.put("bootstrap.servers", stack.kafkaBootstrapServers());
        values.put("topic", topic.name());
        values.put("group.id", topic.name());
        values.put("schema.registry.url", stack.schemaRegistryUrl());
        values.put("jdbc.url", stack.jdbcUrl());
        values.put("jdbc.user", stack.jdbcUser());
        values.put("jdbc.password", stack.jdbcPassword());
        values.put("jdbc.schema", schema.name());
        values.put("bounded", Boolean.toString(bounded));
        values.put("parallelism", "2");
        values.put("checkpoint.interval", "1s");
        values.put("restart.attempts", "0");
        values.put("sink.flush-interval", "200ms");
        values.put("source.idle-timeout", "1s");
        values.putAll(options);
        StreamJobOptions parsed = StreamJobOptions.from(values, Map.of());
        return StreamJob.submit(StreamExecutionEnvironment.createLocalEnvironment(2), parsed);
    }

    private static Map<String, List<Object>> hourly(StackEndpoints stack, TestSchema schema) {
        try {
            return StreamTables.hourlySpend(stack, schema);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, List<Object>> cardTransactions(
            StackEndpoints stack, TestSchema schema) {
        try {
            return StreamTables.cardTransactions(stack, schema);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until {@code actual} equals {@code expected}; fails at once if the job ends. */
    static void awaitEqual(
            Supplier<Map<String, List<Object>>> actual,
            Map<String, List<Object>> expected,
            JobClient job) {
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .failFast(
                        "job ended early", () -> job.getJobStatus().get().isGloballyTerminalState())
                .untilAsserted(() -> assertThat(actual.get()).isEqualTo(expected));
    }

    /**
     * {@code count} events from {@code first}, one every 7 s of Kafka time over v1 and v2; 10% are
     * resent to another partition (a third of the resends carry an EARLIER Kafka timestamp than the
     * original, so they win although sent later); 5% arrive two hours after their event time. Kafka
     * timestamps span {@code 7 * count} s from {@code start}, plus 5 s.
     */
    static void sendEvents(
            FixtureProducer producer, Random random, int first, int count, Instant start) {
        for (int i = first; i < first + count; i++) {
            Instant kafkaTime = start.plusSeconds(7L * i);
            Instant eventTime =
                    random.nextInt(20) == 0
                            ? kafkaTime.minus(Duration.ofHours(2))
                            : kafkaTime.minusMillis(random.nextInt(30_000));
            Event e = event(random, "txn-" + i, eventTime);
            CardTransactionSchemas version =
                    random.nextBoolean() ? CardTransactionSchemas.V1 : CardTransactionSchemas.V2;
            int partition = random.nextInt(3) % 3;
            producer.send(e, version, partition % partitions(producer), kafkaTime);
            if (random.nextInt(10) == 0) {
                long shift = random.nextInt(3) == 0 ? -3 : 5;
                producer.send(
                        e,
                        version,
                        (partition + 1) % partitions(producer),
                        kafkaTime.plusSeconds(shift));
            }
        }
    }

    private static int partitions(FixtureProducer producer) {
        return producer.partitions();
    }

    static Event event(Random random, String id, Instant eventTime) {
        String currency = CURRENCIES[random.nextInt(CURRENCIES.length)];
        BigDecimal amount = BigDecimal.valueOf(random.nextInt(500_000) + 1, 2);
        return new Event(
                id,
                "acct-" + random.nextInt(12),
                random.nextInt(10) == 0 ? "12345" : "4000056655665556",
                MCCS[random.nextInt(MCCS.length)],
                COUNTRIES[random.nextInt(COUNTRIES.length)],
                amount,
                currency,
                eventTime,
                STATUSES[random.nextInt(STATUSES.length)],
                random.nextBoolean() ? "ECOM" : null,
                Map.of("i", id),
                random.nextBoolean() ? "dev-" + id : null,
                null);
    }

    /** One record of each poison kind; returns the expected count per dead-letter reason. */
    static Map<String, Long> sendPoison(FixtureProducer producer) {
        Event e = event(new Random(1), "poison", START);
        byte[] good =
                TestEvents.encode(
                        producer.schemaId(CardTransactionSchemas.V2), e, CardTransactionSchemas.V2);
        byte[] badMagic = good.clone();
        badMagic[0] = 1;
        byte[] unknownId = good.clone();
        unknownId[1] = 0x7f;
        Map<String, byte[]> values = new TreeMap<>();
        values.put("empty", new byte[0]);
        values.put("too-short", new byte[] {0, 0});
        values.put("bad-magic-byte", badMagic);
        values.put("unknown-schema-id", unknownId);
        values.put("truncated-body", Arrays.copyOf(good, good.length - 10));
        values.put("corrupt-body", Arrays.copyOf(good, good.length + 2));
        Map<String, Long> expected = new TreeMap<>();
        int i = 0;
        for (Map.Entry<String, byte[]> v : values.entrySet()) {
            producer.sendPoison(v.getValue(), i++ % 3, START.plusSeconds(i));
            expected.merge(v.getKey(), 1L, Long::sum);
        }
        return expected;
    }

    static List<Arrival> copy(List<Arrival> a) {
        return new ArrayList<>(a);
    }
}

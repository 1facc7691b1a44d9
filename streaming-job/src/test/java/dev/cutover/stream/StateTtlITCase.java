package dev.cutover.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cutover.model.CardTransactionSchemas;
import dev.cutover.stack.StackEndpoints;
import dev.cutover.stream.TestEvents.Event;
import dev.cutover.testkit.EmbeddedStackTest;
import dev.cutover.testkit.Jdbc;
import dev.cutover.testkit.TestSchema;
import dev.cutover.testkit.TestTime;
import dev.cutover.testkit.TestTopic;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The job option {@code state.ttl} (the dedup state of {@code FirstArrivalFunction} and the hourly
 * aggregate's, {@code table.exec.state.ttl}; both processing time, refreshed when written): inside
 * the TTL a key is remembered — a duplicate changes nothing and a new transaction adds to its hour
 * — and after it the key is forgotten: a duplicate is written again with its own content and
 * timestamp, and its hour's row restarts from that transaction alone. Real rows in PostgreSQL.
 */
@EmbeddedStackTest
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class StateTtlITCase {
    private static final Duration TTL = Duration.ofSeconds(20);
    private static final Instant HOUR = TestTime.hourStart(3);

    @Test
    void aKeyIsRememberedInsideTheTtlAndForgottenAfterIt(
            StackEndpoints stack, TestTopic topic, TestSchema schema) throws Exception {
        StreamTables.prepare(stack, topic, schema, 1);
        Event first = event("ttl-a", "10.00", 10);
        try (FixtureProducer producer =
                new FixtureProducer(
                        stack.kafkaBootstrapServers(),
                        topic.name(),
                        stack.schemaRegistryUrl(),
                        topic.subject())) {
            producer.send(first, CardTransactionSchemas.V2, 0, HOUR.plusSeconds(601));
            producer.flush();
            JobClient job =
                    StreamJobITCase.submit(
                                    stack,
                                    topic,
                                    schema,
                                    false,
                                    Map.of(
                                            "state.ttl",
                                            TTL.toSeconds() + "s",
                                            "parallelism",
                                            "1",
                                            "restart.attempts",
                                            "0"))
                            .getJobClient()
                            .orElseThrow();
            try {
                awaitRows(
                        stack,
                        schema,
                        job,
                        new Row("10.00", HOUR.plusSeconds(601)),
                        hourly(1, "10.00"));

                // Inside the TTL: a later copy of ttl-a (another amount) is a duplicate and
                // changes nothing; a new transaction of the same account and hour adds to it.
                producer.send(
                        event("ttl-a", "99.00", 10),
                        CardTransactionSchemas.V2,
                        0,
                        HOUR.plusSeconds(900));
                producer.send(
                        event("ttl-c", "1.00", 20),
                        CardTransactionSchemas.V2,
                        0,
                        HOUR.plusSeconds(1200));
                producer.flush();
                awaitRows(
                        stack,
                        schema,
                        job,
                        new Row("10.00", HOUR.plusSeconds(601)),
                        hourly(2, "11.00"));
                // Every state write happened before this moment (the rows were already committed).
                Instant lastWrite = Instant.now();

                // After the TTL: no write since, so both keys have expired.
                await().atMost(TTL.plusSeconds(30))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> Instant.now().isAfter(lastWrite.plus(TTL).plusSeconds(2)));
                producer.send(
                        event("ttl-a", "77.00", 10),
                        CardTransactionSchemas.V2,
                        0,
                        HOUR.plusSeconds(1800));
                producer.flush();

                // ttl-a is written again from the copy that came after the TTL, and the hour's
                // row restarts from it alone (10.00 and 1.00 of the forgotten state are gone).
                awaitRows(
                        stack,
                        schema,
                        job,
                        new Row("77.00", HOUR.plusSeconds(1800)),
                        hourly(1, "77.00"));
                assertThat(job.getJobStatus().get(10, TimeUnit.SECONDS))
                        .isEqualTo(JobStatus.RUNNING);
            } finally {
                job.cancel().get(30, TimeUnit.SECONDS);
            }
        }
    }

    /** ttl-a's amount and kafka_timestamp. */
    private record Row(String amount, Instant kafkaTimestamp) {}

    /** acct-ttl's row of the hour: txn_count and approved_amount_usd. */
    private static List<Object> hourly(long count, String approved) {
        return List.of(count, new BigDecimal(approved));
    }

    private static void awaitRows(
            StackEndpoints stack,
            TestSchema schema,
            JobClient job,
            Row transaction,
            List<Object> hour) {
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .failFast(
                        "job ended early", () -> job.getJobStatus().get().isGloballyTerminalState())
                .untilAsserted(
                        () -> {
                            assertThat(transaction(stack, schema)).isEqualTo(transaction);
                            assertThat(hour(stack, schema)).isEqualTo(hour);
                        });
    }

    private static Row transaction(StackEndpoints stack, TestSchema schema) throws Exception {
        List<Map<String, Object>> rows =
                Jdbc.query(
                        stack,
                        "SELECT amount, kafka_timestamp FROM "
                                + schema.qualify("card_transactions")
                                + " WHERE transaction_id = 'ttl-a'");
        return rows.isEmpty()
                ? null
                : new Row(
                        rows.get(0).get("amount").toString(),
                        ((Timestamp) rows.get(0).get("kafka_timestamp")).toInstant());
    }

    private static List<Object> hour(StackEndpoints stack, TestSchema schema) throws Exception {
        List<Map<String, Object>> rows =
                Jdbc.query(
                        stack,
                        "SELECT txn_count, approved_amount_usd FROM "
                                + schema.qualify("account_hourly_spend")
                                + " WHERE account_id = 'acct-ttl' AND hour_start = ?",
                        HOUR.atOffset(ZoneOffset.UTC));
        return rows.isEmpty()
                ? null
                : List.of(rows.get(0).get("txn_count"), rows.get(0).get("approved_amount_usd"));
    }

    private static Event event(String id, String amount, int minute) {
        return Event.of(
                id,
                "acct-ttl",
                amount,
                "USD",
                HOUR.plusSeconds(60L * minute).toString(),
                "APPROVED",
                "US");
    }
}

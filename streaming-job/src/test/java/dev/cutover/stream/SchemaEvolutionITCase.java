package dev.cutover.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.model.CardTransactionSchemas;
import dev.cutover.model.registry.SchemaRegistryClient;
import dev.cutover.stack.StackEndpoints;
import dev.cutover.stream.TestEvents.Event;
import dev.cutover.stream.Truth.Arrival;
import dev.cutover.testkit.EmbeddedStackTest;
import dev.cutover.testkit.Jdbc;
import dev.cutover.testkit.TestSchema;
import dev.cutover.testkit.TestTime;
import dev.cutover.testkit.TestTopic;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Schema evolution during a run: the job starts while the subject holds only v1 and the topic only
 * v1 records; then the producer registers v2 and sends v2 records (and v1 ones still) to the same,
 * running job. Both decode (the job fetches the new id from the registry when its first record
 * comes) and the job never restarts: restarts are disabled, so any failure would have ended it, and
 * it is still RUNNING with every row written and no dead letter.
 */
@EmbeddedStackTest
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class SchemaEvolutionITCase {
    private static final Instant START = TestTime.hourStart(3);

    @Test
    void v2RegisteredAndProducedMidRunDecodesWithoutARestart(
            StackEndpoints stack, TestTopic topic, TestSchema schema) throws Exception {
        StreamTables.prepare(stack, topic, schema, 2);
        try (FixtureProducer producer =
                new FixtureProducer(
                        stack.kafkaBootstrapServers(),
                        topic.name(),
                        stack.schemaRegistryUrl(),
                        topic.subject(),
                        CardTransactionSchemas.V1)) {
            for (int i = 0; i < 20; i++) {
                producer.send(event("v1-" + i, i), CardTransactionSchemas.V1, i % 2, at(i));
            }
            List<Arrival> v1Only = producer.flush();
            SchemaRegistryClient registry = SchemaRegistryClient.of(stack.schemaRegistryUrl());
            assertThat(registry.latest(topic.subject()).id())
                    .isEqualTo(producer.schemaId(CardTransactionSchemas.V1));

            JobClient job =
                    StreamJobITCase.submit(
                                    stack, topic, schema, false, Map.of("restart.attempts", "0"))
                            .getJobClient()
                            .orElseThrow();
            try {
                StreamJobITCase.awaitEqual(
                        () -> cardTransactions(stack, schema), Truth.cardTransactions(v1Only), job);

                // The producer moves to v2 while the job runs: a schema id the job has never seen.
                int v2 = producer.register(CardTransactionSchemas.V2);
                assertThat(v2).isNotEqualTo(producer.schemaId(CardTransactionSchemas.V1));
                assertThat(registry.latest(topic.subject()).id()).isEqualTo(v2);
                for (int i = 20; i < 40; i++) {
                    Event e = event("v2-" + i, i);
                    producer.send(e, CardTransactionSchemas.V2, i % 2, at(i));
                    // a v1 producer that has not moved yet
                    producer.send(event("v1-" + i, i), CardTransactionSchemas.V1, i % 2, at(i));
                }
                List<Arrival> all = producer.flush();

                StreamJobITCase.awaitEqual(
                        () -> cardTransactions(stack, schema), Truth.cardTransactions(all), job);
                StreamJobITCase.awaitEqual(
                        () -> hourly(stack, schema),
                        StreamTables.keyed(Truth.hourlySpend(all)),
                        job);
                assertThat(all).hasSize(60);
                assertThat(
                                Jdbc.query(
                                        stack,
                                        "SELECT count(*) AS n FROM "
                                                + schema.qualify("dead_letters")))
                        .containsExactly(Map.of("n", 0L));
                assertThat(job.getJobStatus().get(10, TimeUnit.SECONDS))
                        .isEqualTo(JobStatus.RUNNING);
            } finally {
                job.cancel().get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static Instant at(int i) {
        return START.plusSeconds(30L * i);
    }

    private static Event event(String id, int i) {
        return new Event(
                id,
                "acct-" + (i % 3),
                "4000056655665556",
                "5411",
                i % 2 == 0 ? "US" : "FR",
                new BigDecimal(i + ".25"),
                i % 2 == 0 ? "USD" : "EUR",
                at(i).minusSeconds(5),
                "APPROVED",
                "ECOM",
                Map.of("i", id),
                "dev-" + id,
                new BigDecimal("1.08500000"));
    }

    private static Map<String, List<Object>> cardTransactions(
            StackEndpoints stack, TestSchema schema) {
        try {
            return StreamTables.cardTransactions(stack, schema);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, List<Object>> hourly(StackEndpoints stack, TestSchema schema) {
        try {
            return StreamTables.hourlySpend(stack, schema);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

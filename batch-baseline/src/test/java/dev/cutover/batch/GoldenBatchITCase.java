package dev.cutover.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.batch.config.BatchOptions;
import dev.cutover.model.golden.GoldenFixture;
import dev.cutover.model.golden.GoldenFixture.SchemaIds;
import dev.cutover.model.golden.GoldenFixture.Tables;
import dev.cutover.model.golden.GoldenKafka;
import dev.cutover.model.golden.GoldenTables;
import dev.cutover.stack.StackEndpoints;
import dev.cutover.testkit.EmbeddedStackTest;
import dev.cutover.testkit.KafkaTopics;
import dev.cutover.testkit.TestSchema;
import dev.cutover.testkit.TestTime;
import dev.cutover.testkit.TestTopic;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The golden fixture (model/src/test/resources/golden: every rule and edge, the expected rows
 * written by hand) through the real thing: Kafka (3 partitions, both schema versions in the
 * registry), the Spark batch in local mode once for each of the fixture's hours, PostgreSQL. The
 * batch keeps what reached Kafka before each hour's cutoff, so its tables are the fixture's batch
 * rows: the complete ones without the four events that arrived at or after their cutoff and the
 * poison record after the last one.
 */
@EmbeddedStackTest
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class GoldenBatchITCase {

    @Test
    void theBatchWritesTheHandWrittenRowsOfTheGoldenFixture(
            StackEndpoints stack, TestTopic topic, TestSchema schema) throws Exception {
        // The fixture's last record arrives at H3+20 min: H0 six hours back keeps it in the past.
        GoldenFixture fixture = GoldenFixture.load(TestTime.hourStart(6));
        KafkaTopics.create(stack.kafkaBootstrapServers(), topic.name(), GoldenFixture.PARTITIONS);
        SchemaIds ids = GoldenKafka.register(stack.schemaRegistryUrl(), topic.subject());
        GoldenKafka.produce(stack.kafkaBootstrapServers(), topic.name(), fixture, ids);
        BatchOptions options = BatchJobITCase.options(stack, topic, schema);
        assertThat(options.grace()).isEqualTo(GoldenFixture.GRACE);
        BatchJob job = new BatchJob(SharedSpark.get(), options);

        for (int hour : GoldenFixture.BATCH_HOURS) {
            job.run(fixture.hour(hour));
        }

        Tables written = GoldenTables.read(stack, schema.name(), topic.name());
        Tables expected = fixture.batch(ids);
        assertThat(written.transactions()).isEqualTo(expected.transactions());
        assertThat(written.hourlySpend()).isEqualTo(expected.hourlySpend());
        assertThat(written.deadLetters()).isEqualTo(expected.deadLetters());
    }
}

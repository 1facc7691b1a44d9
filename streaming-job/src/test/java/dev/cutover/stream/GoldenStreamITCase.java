package dev.cutover.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.model.golden.GoldenFixture;
import dev.cutover.model.golden.GoldenFixture.SchemaIds;
import dev.cutover.model.golden.GoldenFixture.Tables;
import dev.cutover.model.golden.GoldenKafka;
import dev.cutover.model.golden.GoldenTables;
import dev.cutover.stack.StackEndpoints;
import dev.cutover.testkit.EmbeddedStackTest;
import dev.cutover.testkit.TestSchema;
import dev.cutover.testkit.TestTime;
import dev.cutover.testkit.TestTopic;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The golden fixture (model/src/test/resources/golden: every rule and edge, the expected rows
 * written by hand) through the real thing: Kafka (3 partitions, both schema versions in the
 * registry), the job on a MiniCluster in bounded mode, JDBC into PostgreSQL. The stream keeps every
 * record whenever it arrives, so its tables are the fixture's complete rows.
 */
@EmbeddedStackTest
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class GoldenStreamITCase {

    @Test
    void theJobWritesTheHandWrittenRowsOfTheGoldenFixture(
            StackEndpoints stack, TestTopic topic, TestSchema schema) throws Exception {
        // The fixture's last record arrives at H3+20 min: H0 six hours back keeps it in the past.
        GoldenFixture fixture = GoldenFixture.load(TestTime.hourStart(6));
        StreamTables.prepare(stack, topic, schema, GoldenFixture.PARTITIONS);
        SchemaIds ids = GoldenKafka.register(stack.schemaRegistryUrl(), topic.subject());
        GoldenKafka.produce(stack.kafkaBootstrapServers(), topic.name(), fixture, ids);

        StreamJobITCase.submit(stack, topic, schema, true).await(3, TimeUnit.MINUTES);

        Tables written = GoldenTables.read(stack, schema.name(), topic.name());
        Tables expected = fixture.stream(ids);
        assertThat(written.transactions()).isEqualTo(expected.transactions());
        assertThat(written.hourlySpend()).isEqualTo(expected.hourlySpend());
        assertThat(written.deadLetters()).isEqualTo(expected.deadLetters());
    }
}

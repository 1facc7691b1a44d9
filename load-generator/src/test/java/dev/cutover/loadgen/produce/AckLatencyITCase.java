package dev.cutover.loadgen.produce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.loadgen.config.FaultOptions;
import dev.cutover.loadgen.config.GeneratorOptions;
import dev.cutover.loadgen.config.SchemaMix;
import dev.cutover.loadgen.generate.SchemaIds;
import dev.cutover.model.registry.SchemaRegistryClient;
import dev.cutover.stack.StackEndpoints;
import dev.cutover.testkit.EmbeddedStackTest;
import dev.cutover.testkit.KafkaTopics;
import dev.cutover.testkit.TestTime;
import dev.cutover.testkit.TestTopic;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The ack latency the generator reports, against a real broker with a known minimum delay: with
 * {@code linger.ms} 300 and one record every 500 ms, each record waits alone in its batch for the
 * linger before it is sent, so its acknowledgement comes at least 300 ms after its send. (The last
 * record is flushed at the end of the run without waiting, so the minimum is not asserted.)
 */
@EmbeddedStackTest
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class AckLatencyITCase {
    private static final int LINGER_MS = 300;
    private static final int RECORDS = 10;

    @Test
    void eachAckTakesAtLeastTheLinger(StackEndpoints stack, TestTopic topic) throws Exception {
        KafkaTopics.create(stack.kafkaBootstrapServers(), topic.name(), 2);
        SchemaIds ids =
                SchemaRegistration.register(
                        SchemaRegistryClient.of(stack.schemaRegistryUrl()), topic.name());
        GeneratorOptions options =
                new GeneratorOptions(
                        1,
                        10,
                        0,
                        new SchemaMix(0.3),
                        TestTime.hourStart(1),
                        1,
                        2, // records per real second: one every 500 ms, longer than the linger
                        GeneratorOptions.DEFAULT_NOMINAL_RATE,
                        OptionalLong.of(RECORDS),
                        Optional.empty(),
                        1,
                        FaultOptions.none(),
                        Duration.ofMinutes(10));
        Properties client = new Properties();
        client.setProperty("bootstrap.servers", stack.kafkaBootstrapServers());
        client.setProperty("linger.ms", Integer.toString(LINGER_MS));

        StatsSnapshot stats =
                LoadRun.execute(options, topic.name(), client, ids, run -> {}).stats();

        assertThat(stats.acknowledged()).isEqualTo(RECORDS);
        assertThat(stats.failed()).isZero();
        assertThat(stats.p50Millis()).isBetween((double) LINGER_MS, LINGER_MS + 5_000.0);
        assertThat(stats.p95Millis()).isBetween((double) LINGER_MS, LINGER_MS + 5_000.0);
        assertThat(stats.p99Millis()).isBetween((double) LINGER_MS, LINGER_MS + 5_000.0);
        assertThat(stats.maxMillis()).isBetween((double) LINGER_MS, LINGER_MS + 5_000.0);
        // the rate held, so each record was alone in its batch: 10 records at 2 per second span 4.5
        // s
        assertThat(stats.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(4_500));
    }
}

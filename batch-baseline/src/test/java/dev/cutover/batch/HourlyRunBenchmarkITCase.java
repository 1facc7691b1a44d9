package dev.cutover.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.model.CardTransactionSchemas;
import dev.cutover.model.registry.SchemaRegistryClient;
import dev.cutover.stack.StackEndpoints;
import dev.cutover.testkit.EmbeddedStackTest;
import dev.cutover.testkit.KafkaTopics;
import dev.cutover.testkit.TestSchema;
import dev.cutover.testkit.TestTime;
import dev.cutover.testkit.TestTopic;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The performance figure of the README: one hourly run over N events (default 1M), with Spark's
 * session start measured apart from the run. Not part of {@code mvn verify}; run it with
 *
 * <pre>
 * mvn -o -pl batch-baseline verify -Dit.test=HourlyRunBenchmarkITCase -Dtest=none \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dcutover.batch.benchmark.events=1000000
 * </pre>
 */
@EmbeddedStackTest
@Timeout(value = 20, unit = TimeUnit.MINUTES)
@EnabledIfSystemProperty(named = "cutover.batch.benchmark.events", matches = "\\d+")
class HourlyRunBenchmarkITCase {
    private static final Logger LOG = LoggerFactory.getLogger(HourlyRunBenchmarkITCase.class);
    private static final int PARTITIONS = 4;

    @Test
    void oneHourOfEvents(StackEndpoints stack, TestTopic topic, TestSchema schema)
            throws Exception {
        int events = Integer.parseInt(System.getProperty("cutover.batch.benchmark.events"));
        KafkaTopics.create(stack.kafkaBootstrapServers(), topic.name(), PARTITIONS);
        int v2 =
                SchemaRegistryClient.of(stack.schemaRegistryUrl())
                        .register(topic.subject(), CardTransactionSchemas.V2.schema());
        Instant hour = TestTime.hourStart(3);
        long produceStart = System.nanoTime();
        long sent = produce(stack, topic.name(), hour, events, v2);
        double produceSeconds = (System.nanoTime() - produceStart) / 1e9;

        long sessionStart = System.nanoTime();
        var spark = SharedSpark.get();
        double sessionSeconds = (System.nanoTime() - sessionStart) / 1e9;
        BatchJob job = new BatchJob(spark, BatchJobITCase.options(stack, topic, schema));
        BatchJob.RunSummary first = job.run(hour);
        BatchJob.RunSummary second = job.run(hour);

        LOG.warn(
                "BENCHMARK {} events ({} records sent in {} s); session start {} s; first run: {};"
                        + " rerun: {}",
                events,
                sent,
                String.format("%.1f", produceSeconds),
                String.format("%.1f", sessionSeconds),
                first.describe(),
                second.describe());
        assertThat(first.transactions()).isEqualTo(events);
        assertThat(second.transactions()).isEqualTo(events);
    }

    /** N distinct events in the hour, 2% sent twice, 0.1% poison; arrivals within 2 minutes. */
    private static long produce(
            StackEndpoints stack, String topic, Instant hour, int events, int schemaId)
            throws Exception {
        Map<String, Object> config =
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        stack.kafkaBootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.LINGER_MS_CONFIG,
                        5,
                        ProducerConfig.BATCH_SIZE_CONFIG,
                        65536,
                        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                        ByteArraySerializer.class,
                        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                        ByteArraySerializer.class);
        Random random = new Random(3);
        AtomicReference<Exception> failure = new AtomicReference<>();
        long sent = 0;
        String[] currencies = {"USD", "EUR", "GBP", "CAD", "JPY", "MXN"};
        String[] statuses = {"APPROVED", "APPROVED", "APPROVED", "DECLINED", "REVERSED"};
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
            for (int i = 0; i < events; i++) {
                // Event times ascend through the hour, so arrivals do too, as on a live topic.
                Instant eventTime = hour.plusMillis((long) i * 3_590_000L / events);
                TestEvent event =
                        new TestEvent(
                                TestEvent.idOf("bench-" + i),
                                "acct-" + random.nextInt(10_000),
                                random.nextInt(100_000) + "." + (10 + random.nextInt(90)),
                                currencies[random.nextInt(currencies.length)],
                                eventTime,
                                statuses[random.nextInt(statuses.length)],
                                String.valueOf(3000 + random.nextInt(6999)),
                                random.nextInt(10) == 0 ? "FR" : "US",
                                "4000" + (100_000_000_000L + random.nextInt(1_000_000_000)));
                byte[] value = event.encode(schemaId, CardTransactionSchemas.V2);
                int partition = Math.floorMod(event.accountId().hashCode(), PARTITIONS);
                long arrival = eventTime.toEpochMilli() + random.nextInt(1000);
                int copies = random.nextInt(50) == 0 ? 2 : 1;
                for (int c = 0; c < copies; c++) {
                    send(producer, topic, partition, arrival + c, value, failure);
                    sent++;
                }
                if (random.nextInt(1000) == 0) {
                    send(producer, topic, partition, arrival, new byte[] {9, 9}, failure);
                    sent++;
                }
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return sent;
    }

    private static void send(
            KafkaProducer<byte[], byte[]> producer,
            String topic,
            int partition,
            long timestamp,
            byte[] value,
            AtomicReference<Exception> failure) {
        producer.send(
                new ProducerRecord<>(topic, partition, timestamp, null, value),
                (metadata, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    }
                });
    }
}

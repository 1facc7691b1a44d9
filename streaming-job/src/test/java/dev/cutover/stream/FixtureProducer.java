package dev.cutover.stream;

import dev.cutover.model.CardTransactionSchemas;
import dev.cutover.model.registry.SchemaRegistryClient;
import dev.cutover.stream.TestEvents.Event;
import dev.cutover.stream.Truth.Arrival;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends Confluent-Avro events (v1 or v2, schemas registered under the topic's subject) and raw
 * poison values to chosen partitions with chosen Kafka timestamps, and remembers where each event
 * landed, so the test computes the expected tables with {@link Truth}.
 */
public final class FixtureProducer implements AutoCloseable {
    private final String topic;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Map<CardTransactionSchemas, Integer> schemaIds;
    private final List<Pending> pending = new ArrayList<>();
    private final List<Arrival> arrivals = new ArrayList<>();
    private int poisonCount;

    private record Pending(Event event, Future<RecordMetadata> sent, Instant timestamp) {}

    public FixtureProducer(
            String bootstrapServers, String topic, String registryUrl, String subject) {
        this.topic = topic;
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        this.producer =
                new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
        SchemaRegistryClient registry = SchemaRegistryClient.of(registryUrl);
        this.schemaIds =
                Map.of(
                        CardTransactionSchemas.V1,
                        registry.register(subject, CardTransactionSchemas.V1.schema()),
                        CardTransactionSchemas.V2,
                        registry.register(subject, CardTransactionSchemas.V2.schema()));
    }

    public void send(
            Event event, CardTransactionSchemas version, int partition, Instant timestamp) {
        byte[] value = TestEvents.encode(schemaIds.get(version), event, version);
        pending.add(
                new Pending(
                        event,
                        producer.send(
                                new ProducerRecord<>(
                                        topic,
                                        partition,
                                        timestamp.toEpochMilli(),
                                        event.transactionId().getBytes(),
                                        value)),
                        timestamp));
    }

    public void sendPoison(byte[] value, int partition, Instant timestamp) {
        producer.send(
                new ProducerRecord<>(topic, partition, timestamp.toEpochMilli(), null, value));
        poisonCount++;
    }

    /** How many partitions the topic has. */
    public int partitions() {
        return producer.partitionsFor(topic).size();
    }

    public int schemaId(CardTransactionSchemas version) {
        return schemaIds.get(version);
    }

    /** Waits for every send; returns every event sent so far with its Kafka position. */
    public List<Arrival> flush() throws Exception {
        producer.flush();
        for (Pending p : pending) {
            RecordMetadata metadata = p.sent().get(30, TimeUnit.SECONDS);
            arrivals.add(
                    new Arrival(p.event(), metadata.partition(), metadata.offset(), p.timestamp()));
        }
        pending.clear();
        return List.copyOf(arrivals);
    }

    public int poisonCount() {
        return poisonCount;
    }

    @Override
    public void close() {
        producer.close();
    }
}

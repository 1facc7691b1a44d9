package dev.cutover.stream;

import dev.cutover.model.CardTransactionSchemas;
import dev.cutover.model.registry.SchemaRegistryClient;
import dev.cutover.stream.TestEvents.Event;
import dev.cutover.stream.Truth.Arrival;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
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
    private final String subject;
    private final SchemaRegistryClient registry;
    private final Map<CardTransactionSchemas, Integer> schemaIds =
            new EnumMap<>(CardTransactionSchemas.class);
    private final List<Pending> pending = new ArrayList<>();
    private final List<Arrival> arrivals = new ArrayList<>();
    private int poisonCount;

    private record Pending(Event event, Future<RecordMetadata> sent, Instant timestamp) {}

    public FixtureProducer(
            String bootstrapServers, String topic, String registryUrl, String subject) {
        this(bootstrapServers, topic, registryUrl, subject, CardTransactionSchemas.values());
    }

    /** Registers only {@code versions} under {@code subject}; {@link #register} adds others. */
    public FixtureProducer(
            String bootstrapServers,
            String topic,
            String registryUrl,
            String subject,
            CardTransactionSchemas... versions) {
        this.topic = topic;
        this.subject = subject;
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        this.producer =
                new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
        this.registry = SchemaRegistryClient.of(registryUrl);
        for (CardTransactionSchemas version : versions) {
            register(version);
        }
    }

    /** Registers {@code version} under the subject (a producer moving to a new schema). */
    public int register(CardTransactionSchemas version) {
        int id = registry.register(subject, version.schema());
        schemaIds.put(version, id);
        return id;
    }

    public void send(
            Event event, CardTransactionSchemas version, int partition, Instant timestamp) {
        Integer schemaId = schemaIds.get(version);
        if (schemaId == null) {
            throw new IllegalStateException(version.label() + " is not registered yet");
        }
        byte[] value = TestEvents.encode(schemaId, event, version);
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

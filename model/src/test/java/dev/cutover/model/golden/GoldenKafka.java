package dev.cutover.model.golden;

import dev.cutover.model.CardTransactionSchemas;
import dev.cutover.model.golden.GoldenFixture.SchemaIds;
import dev.cutover.model.golden.GoldenFixture.Sent;
import dev.cutover.model.registry.SchemaRegistryClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Puts the golden fixture into a real topic: schemas into the registry, records into Kafka. */
public final class GoldenKafka {
    private GoldenKafka() {}

    /** Registers v1, then v2, under {@code subject}; their ids are the fixture's {v1} and {v2}. */
    public static SchemaIds register(String registryUrl, String subject) {
        SchemaRegistryClient registry = SchemaRegistryClient.of(registryUrl);
        return new SchemaIds(
                registry.register(subject, CardTransactionSchemas.V1.schema()),
                registry.register(subject, CardTransactionSchemas.V2.schema()));
    }

    /**
     * Sends every record of the fixture, in order, to its partition with its timestamp (one
     * idempotent producer, so each partition keeps the order), and checks that each landed at the
     * offset the fixture gives it: the topic must have been empty.
     */
    public static void produce(
            String bootstrapServers, String topic, GoldenFixture fixture, SchemaIds ids)
            throws Exception {
        Map<String, Object> config =
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true,
                        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                        ByteArraySerializer.class,
                        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                        ByteArraySerializer.class);
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
            for (Sent record : fixture.records()) {
                acks.add(
                        producer.send(
                                new ProducerRecord<>(
                                        topic,
                                        record.partition(),
                                        record.kafkaTimestamp().toEpochMilli(),
                                        GoldenFixture.key(record),
                                        fixture.value(record, ids))));
            }
            producer.flush();
            for (int i = 0; i < acks.size(); i++) {
                RecordMetadata landed = acks.get(i).get(30, TimeUnit.SECONDS);
                Sent record = fixture.records().get(i);
                if (landed.partition() != record.partition()
                        || landed.offset() != record.offset()) {
                    throw new IllegalStateException(
                            "events.csv line "
                                    + record.line()
                                    + " landed at "
                                    + landed.partition()
                                    + "/"
                                    + landed.offset()
                                    + ", not "
                                    + record.partition()
                                    + "/"
                                    + record.offset()
                                    + ": was topic "
                                    + topic
                                    + " empty?");
                }
            }
        }
    }
}

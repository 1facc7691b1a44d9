package dev.cutover.model.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.model.CardTransaction;
import dev.cutover.model.CardTransactionSchemas;
import dev.cutover.model.Channel;
import dev.cutover.model.Currency;
import dev.cutover.model.Merchant;
import dev.cutover.model.Status;
import dev.cutover.model.registry.SchemaRegistryClient;
import dev.cutover.stack.Service;
import dev.cutover.stack.StackEndpoints;
import dev.cutover.testkit.EmbeddedStackTest;
import dev.cutover.testkit.KafkaTopics;
import dev.cutover.testkit.TestTime;
import dev.cutover.testkit.TestTopic;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Values in the Confluent wire format through the real broker, writer schemas from the real
 * registry.
 */
@EmbeddedStackTest(services = {Service.KAFKA, Service.SCHEMA_REGISTRY})
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class KafkaWireFormatITCase {
    @Test
    void v1AndV2RecordsRoundTripThroughKafkaAndPoisonIsTyped(StackEndpoints stack, TestTopic topic)
            throws Exception {
        KafkaTopics.create(stack.kafkaBootstrapServers(), topic.name(), 3);
        SchemaRegistryClient registry = SchemaRegistryClient.of(stack.schemaRegistryUrl());
        int v1 = registry.register(topic.subject(), CardTransactionSchemas.V1.schema());
        int v2 = registry.register(topic.subject(), CardTransactionSchemas.V2.schema());

        Instant hour = TestTime.hourStart(1);
        Map<String, CardTransaction> sent = new HashMap<>();
        try (KafkaProducer<String, byte[]> producer = producer(stack)) {
            for (int i = 0; i < 60; i++) {
                CardTransaction event = event(i, hour);
                boolean asV1 = i % 3 == 0;
                byte[] value =
                        asV1
                                ? ConfluentWireFormat.encode(
                                        v1, CardTransactionSchemas.V1.schema(), event)
                                : ConfluentWireFormat.encode(
                                        v2, CardTransaction.getClassSchema(), event);
                producer.send(new ProducerRecord<>(topic.name(), event.getAccountId(), value))
                        .get();
                sent.put(
                        event.getTransactionId().toString(), asV1 ? withoutV2Fields(event) : event);
            }
            producer.send(
                            new ProducerRecord<>(
                                    topic.name(),
                                    "poison",
                                    "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8)))
                    .get();
        }

        List<ConsumerRecord<byte[], byte[]>> records =
                KafkaTopics.drain(
                        stack.kafkaBootstrapServers(), topic.name(), Duration.ofSeconds(60));
        ConfluentAvroDecoder<CardTransaction> decoder =
                ConfluentAvroDecoder.specific(CardTransaction.getClassSchema(), registry);

        assertThat(records).hasSize(61);
        Map<String, CardTransaction> received = new HashMap<>();
        ConsumerRecord<byte[], byte[]> poison = null;
        for (ConsumerRecord<byte[], byte[]> record : records) {
            if (record.value()[0] != ConfluentWireFormat.MAGIC_BYTE) {
                poison = record;
                continue;
            }
            CardTransaction event = decoder.decode(record.value());
            received.put(event.getTransactionId().toString(), event);
        }
        assertThat(received).isEqualTo(sent);
        ConsumerRecord<byte[], byte[]> bad = poison;
        assertThat(bad).isNotNull();
        assertThatThrownBy(() -> decoder.decode(bad.value()))
                .isInstanceOfSatisfying(
                        DecodeException.class,
                        e -> assertThat(e.failure()).isEqualTo(DecodeFailure.BAD_MAGIC_BYTE));
    }

    private static CardTransaction event(int i, Instant hour) {
        return CardTransaction.newBuilder()
                .setTransactionId(
                        UUID.nameUUIDFromBytes(("txn-" + i).getBytes(StandardCharsets.UTF_8)))
                .setAccountId("acct-" + (i % 7))
                .setCardNumber("4000056655665556")
                .setMerchant(
                        new Merchant("m-" + i, "Merchant " + i, "5411", i % 2 == 0 ? "US" : "DE"))
                .setAmount(new BigDecimal(i + ".25"))
                .setCurrency(Currency.values()[i % Currency.values().length])
                .setEventTime(hour.plusSeconds(i))
                .setStatus(Status.values()[i % Status.values().length])
                .setChannel(i % 4 == 0 ? null : Channel.values()[i % Channel.values().length])
                .setAttributes(Map.of("i", String.valueOf(i)))
                .setDeviceId("device-" + i)
                .setFxRateHint(new BigDecimal("1.23456789"))
                .build();
    }

    /** What a v2 reader sees of a record written as v1: the v2 fields at their defaults. */
    private static CardTransaction withoutV2Fields(CardTransaction event) {
        return CardTransaction.newBuilder(event).setDeviceId(null).setFxRateHint(null).build();
    }

    private static KafkaProducer<String, byte[]> producer(StackEndpoints stack) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }
}

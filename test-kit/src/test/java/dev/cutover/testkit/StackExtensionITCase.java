package dev.cutover.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.stack.StackEndpoints;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/** Two tests share one stack and each gets a topic, a subject and a schema of its own. */
@EmbeddedStackTest
@Timeout(value = 3, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StackExtensionITCase {

    /** What each test saw, compared by the last one. */
    private record Seen(
            StackEndpoints endpoints,
            TestTopic topic,
            TestSchema schema,
            String kafkaClusterId,
            Object postgresStartTime) {}

    private final List<Seen> seen = new ArrayList<>();

    @Test
    @Order(1)
    void firstTestUsesEveryService(StackEndpoints stack, TestTopic topic, TestSchema schema)
            throws Exception {
        seen.add(useEveryService(stack, topic, schema));
    }

    @Test
    @Order(2)
    void secondTestGetsItsOwnNamesOnTheSameStack(
            StackEndpoints stack, TestTopic topic, TestSchema schema) throws Exception {
        seen.add(useEveryService(stack, topic, schema));

        assertThat(seen).hasSize(2);
        Seen first = seen.get(0);
        Seen second = seen.get(1);
        assertThat(second.endpoints()).isSameAs(first.endpoints());
        assertThat(second.kafkaClusterId()).isEqualTo(first.kafkaClusterId());
        assertThat(second.postgresStartTime()).isEqualTo(first.postgresStartTime());
        assertThat(second.topic().name()).isNotEqualTo(first.topic().name());
        assertThat(second.topic().subject()).isNotEqualTo(first.topic().subject());
        assertThat(second.schema().name()).isNotEqualTo(first.schema().name());
    }

    private static Seen useEveryService(StackEndpoints stack, TestTopic topic, TestSchema schema)
            throws Exception {
        assertThat(topic.subject()).isEqualTo(topic.name() + "-value");
        assertThat(schema.name()).isEqualTo(topic.name());

        KafkaTopics.create(stack.kafkaBootstrapServers(), topic.name(), 3);
        produce(stack.kafkaBootstrapServers(), topic.name(), 30);
        List<ConsumerRecord<byte[], byte[]>> records =
                KafkaTopics.drain(
                        stack.kafkaBootstrapServers(), topic.name(), Duration.ofSeconds(30));
        assertThat(records).hasSize(30);
        assertThat(records.stream().map(ConsumerRecord::partition).distinct()).hasSize(3);

        assertThat(register(stack.schemaRegistryUrl(), topic.subject())).isEqualTo(200);

        Jdbc.execute(stack, "CREATE TABLE " + schema.qualify("items") + " (id INT, label TEXT)");
        assertThat(
                        Jdbc.execute(
                                stack,
                                "INSERT INTO " + schema.qualify("items") + " VALUES (?, ?), (?, ?)",
                                1,
                                "one",
                                2,
                                "two"))
                .isEqualTo(2);
        assertThat(
                        Jdbc.query(
                                stack,
                                "SELECT id, label FROM "
                                        + schema.qualify("items")
                                        + " ORDER BY id"))
                .containsExactly(Map.of("id", 1, "label", "one"), Map.of("id", 2, "label", "two"));

        Object postgresStart =
                Jdbc.query(stack, "SELECT pg_postmaster_start_time() AS started")
                        .get(0)
                        .get("started");
        return new Seen(
                stack, topic, schema, clusterId(stack.kafkaBootstrapServers()), postgresStart);
    }

    private static void produce(String bootstrapServers, String topic, int count) throws Exception {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, i % 3, "k" + i, "v" + i))
                        .get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static int register(String registryUrl, String subject) throws Exception {
        String schema = "{\\\"type\\\":\\\"string\\\"}";
        HttpResponse<String> response =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create(
                                                        registryUrl
                                                                + "/subjects/"
                                                                + subject
                                                                + "/versions"))
                                        .header(
                                                "Content-Type",
                                                "application/vnd.schemaregistry.v1+json")
                                        .POST(
                                                HttpRequest.BodyPublishers.ofString(
                                                        "{\"schema\":\"" + schema + "\"}",
                                                        StandardCharsets.UTF_8))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        return response.statusCode();
    }

    private static String clusterId(String bootstrapServers) throws Exception {
        try (Admin admin =
                Admin.create(
                        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            return admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS);
        }
    }
}

package dev.cutover.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cutover.contract.Ports;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Starts the whole stack, uses each service for real, stops it and checks nothing is left. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class EmbeddedStackITCase {

    private static final String TOPIC = "it-records";
    private static final String SUBJECT = TOPIC + "-value";
    private static final String SCHEMA =
            "{\"type\":\"record\",\"name\":\"Probe\",\"namespace\":\"dev.cutover.it\","
                    + "\"fields\":[{\"name\":\"id\",\"type\":\"long\"}]}";

    @Test
    void startsEveryServiceUsesItAndStopsIt() throws Exception {
        EmbeddedStack stack = EmbeddedStack.start(StackOptions.defaults());
        ProcessHandle registryProcess;
        List<Integer> ports;
        Path runDir = stack.runDir();
        try {
            assertThat(stack.serviceStartupTimes()).containsOnlyKeys(Service.values());
            assertThat(stack.endpoints().environment())
                    .containsOnlyKeys(
                            "KAFKA_BOOTSTRAP_SERVERS",
                            "SCHEMA_REGISTRY_URL",
                            "JDBC_URL",
                            "JDBC_USER");
            assertThat(stack.schemaRegistryUrl())
                    .matches("http://127\\.0\\.0\\.1:\\d+/apis/ccompat/v7");

            produceAndConsume(stack.kafkaBootstrapServers());
            registerAndFetchSchema(stack.schemaRegistryUrl());
            queryPostgres(stack.jdbcUrl(), stack.jdbcUser(), stack.jdbcPassword());

            registryProcess = stack.schemaRegistry().orElseThrow().process();
            assertThat(registryProcess.isAlive()).isTrue();
            EmbeddedKafka kafka = stack.kafka().orElseThrow();
            ports =
                    List.of(
                            kafka.port(),
                            kafka.controllerPort(),
                            stack.schemaRegistry().orElseThrow().port(),
                            stack.postgres().orElseThrow().port());
            assertThat(ports).allSatisfy(port -> assertThat(Ports.isFree(port)).isFalse());
        } finally {
            stack.close();
        }

        assertThat(registryProcess.isAlive()).isFalse();
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () ->
                                assertThat(ports)
                                        .allSatisfy(
                                                port -> assertThat(Ports.isFree(port)).isTrue()));
        assertThat(runDir).doesNotExist();
    }

    private static void produceAndConsume(String bootstrapServers) throws Exception {
        try (Admin admin =
                Admin.create(
                        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
        Properties producerConfig = new Properties();
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        RecordMetadata sent;
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(
                        producerConfig, new StringSerializer(), new StringSerializer())) {
            sent =
                    producer.send(new ProducerRecord<>(TOPIC, 0, "key-1", "value-1"))
                            .get(30, TimeUnit.SECONDS);
        }
        assertThat(sent.offset()).isZero();

        Properties consumerConfig = new Properties();
        consumerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, "it-group");
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(
                        consumerConfig, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (received.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(received::add);
            }
        }
        assertThat(received)
                .singleElement()
                .satisfies(
                        record -> {
                            assertThat(record.key()).isEqualTo("key-1");
                            assertThat(record.value()).isEqualTo("value-1");
                        });
    }

    private static void registerAndFetchSchema(String registryUrl) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String body = "{\"schema\":\"" + SCHEMA.replace("\"", "\\\"") + "\"}";
        HttpResponse<String> registered =
                http.send(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                registryUrl + "/subjects/" + SUBJECT + "/versions"))
                                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                body, StandardCharsets.UTF_8))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
        Matcher id = Pattern.compile("\"id\"\\s*:\\s*(\\d+)").matcher(registered.body());
        assertThat(id.find()).as(registered.body()).isTrue();

        HttpResponse<String> fetched =
                http.send(
                        HttpRequest.newBuilder(
                                        URI.create(registryUrl + "/schemas/ids/" + id.group(1)))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(fetched.statusCode()).as(fetched.body()).isEqualTo(200);
        assertThat(fetched.body()).contains("Probe").contains("dev.cutover.it");

        HttpResponse<String> subjects =
                http.send(
                        HttpRequest.newBuilder(URI.create(registryUrl + "/subjects")).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(subjects.body()).contains("\"" + SUBJECT + "\"");
    }

    private static void queryPostgres(String jdbcUrl, String user, String password)
            throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE probe (id BIGINT PRIMARY KEY, name TEXT NOT NULL)");
            statement.execute("INSERT INTO probe VALUES (1, 'one'), (2, 'two')");
            try (ResultSet rows =
                    statement.executeQuery(
                            "SELECT count(*), sum(id), current_setting('server_version_num')::int"
                                    + " FROM probe")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getLong(1)).isEqualTo(2);
                assertThat(rows.getLong(2)).isEqualTo(3);
                assertThat(rows.getInt(3)).isBetween(160000, 169999);
            }
        }
    }
}

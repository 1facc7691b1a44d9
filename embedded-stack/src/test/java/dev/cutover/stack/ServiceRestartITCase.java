package dev.cutover.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Restarts the Kafka broker and PostgreSQL in place under clients that stay open: the data written
 * before is there after, on the same port, and the clients carry on (the producer and consumer by
 * themselves, a JDBC client by reconnecting). PostgreSQL also crashes (every process killed) and
 * recovers without losing a committed row.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ServiceRestartITCase {

    private static EmbeddedStack stack;

    @BeforeAll
    static void start() {
        stack =
                EmbeddedStack.start(
                        StackOptions.defaults().withServices(Service.KAFKA, Service.POSTGRES));
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void kafkaRestartKeepsRecordsAndOffsetsAndClientsCarryOn() throws Exception {
        String bootstrap = stack.kafkaBootstrapServers();
        String topic = "restart-" + System.nanoTime();
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
        Map<String, Object> producerConfig =
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true,
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                        120_000,
                        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                        StringSerializer.class,
                        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                        StringSerializer.class);
        Map<String, Object> consumerConfig =
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ConsumerConfig.GROUP_ID_CONFIG,
                        topic,
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                        StringDeserializer.class,
                        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                        StringDeserializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig);
                KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig)) {
            for (int i = 0; i < 100; i++) {
                producer.send(new ProducerRecord<>(topic, "k" + i, "before-" + i));
            }
            producer.flush();
            consumer.subscribe(List.of(topic));
            List<String> seen = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> poll(consumer, seen) >= 100);
            consumer.commitSync();

            int port = stack.kafka().orElseThrow().port();
            Duration down = stack.restartKafka();

            assertThat(down).isPositive().isLessThan(Duration.ofSeconds(60));
            assertThat(stack.kafka().orElseThrow().port()).isEqualTo(port);
            // The records and the offsets the group committed before the restart are still there.
            Map<TopicPartition, Long> before = endOffsets(bootstrap, topic);
            assertThat(before.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(100);
            assertThat(committedOffsets(bootstrap, topic)).isEqualTo(before);
            // The same producer and consumer, never reopened.
            for (int i = 100; i < 200; i++) {
                producer.send(new ProducerRecord<>(topic, "k" + i, "after-" + i));
            }
            producer.flush();
            await().atMost(Duration.ofSeconds(60)).until(() -> poll(consumer, seen) >= 200);
            consumer.commitSync();
            assertThat(seen).hasSize(200).doesNotHaveDuplicates();
        }
        // At the end the group's committed offsets are each partition's end (200 records in
        // all), and a new consumer of the group is positioned there: nothing left to read.
        Map<TopicPartition, Long> ends = endOffsets(bootstrap, topic);
        assertThat(ends.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(200);
        assertThat(committedOffsets(bootstrap, topic)).isEqualTo(ends);
        try (KafkaConsumer<String, String> again = new KafkaConsumer<>(consumerConfig)) {
            again.assign(ends.keySet());
            for (TopicPartition p : ends.keySet()) {
                assertThat(again.position(p, Duration.ofSeconds(30)))
                        .as("%s", p)
                        .isEqualTo(ends.get(p));
            }
        }
        Map<String, Object> fresh = new HashMap<>(consumerConfig);
        fresh.put(ConsumerConfig.GROUP_ID_CONFIG, topic + "-fresh");
        try (KafkaConsumer<String, String> all = new KafkaConsumer<>(fresh)) {
            all.subscribe(List.of(topic));
            List<String> values = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> poll(all, values) >= 200);
            assertThat(values).hasSize(200).contains("before-0", "after-199");
        }
    }

    @Test
    void postgresRestartKeepsRowsOnTheSamePortAndClientsReconnect() throws Exception {
        String url = stack.jdbcUrl();
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE restart_probe (id int PRIMARY KEY, v text)");
            s.execute(
                    "INSERT INTO restart_probe SELECT g, 'before' FROM generate_series(1, 500) g");
        }
        Connection held = connect();
        int port = stack.postgres().orElseThrow().port();

        Duration down = stack.restartPostgres();

        assertThat(down).isPositive().isLessThan(Duration.ofSeconds(60));
        assertThat(stack.postgres().orElseThrow().port()).isEqualTo(port);
        assertThat(stack.jdbcUrl()).isEqualTo(url);
        // A connection from before the restart is gone, as with a real server restart.
        assertThat(isUsable(held)).isFalse();
        held.close();
        // A client that reconnects carries on, and the rows are still there.
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute(
                    "INSERT INTO restart_probe SELECT g, 'after' FROM generate_series(501, 600) g");
            try (ResultSet r =
                    s.executeQuery(
                            "SELECT count(*) FILTER (WHERE v = 'before'), count(*) FROM"
                                    + " restart_probe")) {
                r.next();
                assertThat(r.getLong(1)).isEqualTo(500);
                assertThat(r.getLong(2)).isEqualTo(600);
            }
        }
    }

    @Test
    void postgresCrashLosesNoCommittedRowAndRecoversOnTheSamePort() throws Exception {
        EmbeddedPostgres postgres = stack.postgres().orElseThrow();
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE crash_probe (id int PRIMARY KEY, v text)");
        }
        Connection held = connect();
        // 500 commits of one row each, the last one acknowledged just before the crash
        try (PreparedStatement insert =
                held.prepareStatement("INSERT INTO crash_probe VALUES (?, 'before')")) {
            for (int i = 1; i <= 500; i++) {
                insert.setInt(1, i);
                insert.executeUpdate();
            }
        }
        long postmaster =
                Long.parseLong(
                        Files.readAllLines(postgres.dataDir().resolve("postmaster.pid"))
                                .get(0)
                                .strip());
        List<ProcessHandle> processes = new ArrayList<>();
        processes.add(ProcessHandle.of(postmaster).orElseThrow());
        ProcessHandle.of(postmaster).orElseThrow().descendants().forEach(processes::add);

        postgres.crash();

        assertThat(processes).hasSizeGreaterThan(1).noneMatch(ProcessHandle::isAlive);
        assertThat(postgres.isRunning()).isFalse();
        assertThat(isUsable(held)).isFalse();
        held.close();
        assertThatThrownBy(ServiceRestartITCase::connect)
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("127.0.0.1:" + postgres.port());

        Duration down = postgres.recover();

        assertThat(down).isPositive().isLessThan(Duration.ofSeconds(60));
        assertThat(postgres.isRunning()).isTrue();
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*), max(id) FROM crash_probe")) {
            r.next();
            assertThat(r.getLong(1)).isEqualTo(500);
            assertThat(r.getInt(2)).isEqualTo(500);
        }
        assertThat(Files.readString(postgres.dataDir().resolveSibling("postgres.log")))
                .contains("database system was interrupted");
    }

    /** The end offset of each partition of {@code topic}. */
    private static Map<TopicPartition, Long> endOffsets(String bootstrap, String topic)
            throws Exception {
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS)
                    .get(topic)
                    .partitions()
                    .forEach(
                            p ->
                                    latest.put(
                                            new TopicPartition(topic, p.partition()),
                                            OffsetSpec.latest()));
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest)
                    .all()
                    .get(30, TimeUnit.SECONDS)
                    .forEach((p, info) -> ends.put(p, info.offset()));
            return ends;
        }
    }

    /** The offsets the consumer group named {@code topic} committed, per partition. */
    private static Map<TopicPartition, Long> committedOffsets(String bootstrap, String topic)
            throws Exception {
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Map<TopicPartition, Long> committed = new HashMap<>();
            admin.listConsumerGroupOffsets(topic)
                    .partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS)
                    .forEach((p, offset) -> committed.put(p, offset.offset()));
            return committed;
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(stack.jdbcUrl(), stack.jdbcUser(), stack.jdbcPassword());
    }

    private static boolean isUsable(Connection c) {
        try (Statement s = c.createStatement()) {
            s.execute("SELECT 1");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static int poll(KafkaConsumer<String, String> consumer, List<String> into) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
            into.add(r.value());
        }
        return into.size();
    }
}

package dev.cutover.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The embedded broker keeps records of any age: records stamped 30 days back survive retention
 * checks that delete the same records from a topic with a one-day retention.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class RetentionITCase {

    private static final int RECORDS = 5;

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void start() {
        // The check runs every half second from the start instead of every five minutes after
        // thirty seconds, so that the control topic shows within seconds that the check ran.
        kafka =
                EmbeddedKafka.start(
                        StackOptions.defaults()
                                .withKafkaProperty("log.retention.check.interval.ms", "500")
                                .withKafkaProperty("log.initial.task.delay.ms", "0"));
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    @Test
    void recordsOfAnyAgeSurviveTheRetentionCheck() throws Exception {
        String kept = "kept-" + System.nanoTime();
        String control = "one-day-" + System.nanoTime();
        Instant monthAgo = Instant.now().minus(Duration.ofDays(30));
        try (Admin admin = admin()) {
            admin.createTopics(
                            List.of(
                                    new NewTopic(kept, 1, (short) 1),
                                    new NewTopic(control, 1, (short) 1)
                                            .configs(
                                                    Map.of(
                                                            TopicConfig.RETENTION_MS_CONFIG,
                                                            Long.toString(
                                                                    Duration.ofDays(1)
                                                                            .toMillis())))))
                    .all()
                    .get(30, TimeUnit.SECONDS);

            produce(kept, monthAgo);
            produce(control, monthAgo);

            // The check ran: it deleted the control topic's month-old records.
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> earliestOffset(admin, control) == RECORDS);

            assertThat(effectiveRetention(admin, kept)).isEqualTo("-1");
            assertThat(earliestOffset(admin, kept)).isZero();
        }
        List<ConsumerRecord<String, String>> read = drain(kept);
        assertThat(read).extracting(ConsumerRecord::value).containsExactly("0", "1", "2", "3", "4");
        assertThat(read)
                .extracting(ConsumerRecord::timestamp)
                .containsOnly(monthAgo.toEpochMilli());
    }

    @Test
    void aRetentionTheCallerSetsWins() {
        assertThat(
                        KafkaBrokerProperties.of(
                                        0,
                                        0,
                                        kafka.dataDir(),
                                        false,
                                        Duration.ofSeconds(5),
                                        Map.of("log.retention.hours", "1"))
                                .getProperty(KafkaBrokerProperties.RETENTION_MS))
                .isNull();
        assertThat(
                        KafkaBrokerProperties.of(
                                        0,
                                        0,
                                        kafka.dataDir(),
                                        false,
                                        Duration.ofSeconds(5),
                                        Map.of("log.retention.check.interval.ms", "500"))
                                .getProperty(KafkaBrokerProperties.RETENTION_MS))
                .isEqualTo("-1");
    }

    private static Admin admin() {
        return Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    private static void produce(String topic, Instant timestamp) throws Exception {
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(
                        Map.of(
                                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                kafka.bootstrapServers(),
                                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                                StringSerializer.class,
                                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                                StringSerializer.class))) {
            for (int i = 0; i < RECORDS; i++) {
                producer.send(
                                new ProducerRecord<>(
                                        topic, 0, timestamp.toEpochMilli(), null, "" + i))
                        .get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static long earliestOffset(Admin admin, String topic) throws Exception {
        TopicPartition partition = new TopicPartition(topic, 0);
        return admin.listOffsets(Map.of(partition, OffsetSpec.earliest()))
                .partitionResult(partition)
                .get(30, TimeUnit.SECONDS)
                .offset();
    }

    private static String effectiveRetention(Admin admin, String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config =
                admin.describeConfigs(List.of(resource))
                        .all()
                        .get(30, TimeUnit.SECONDS)
                        .get(resource);
        return config.get(TopicConfig.RETENTION_MS_CONFIG).value();
    }

    private static List<ConsumerRecord<String, String>> drain(String topic) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(
                        Map.of(
                                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                kafka.bootstrapServers(),
                                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                                StringDeserializer.class,
                                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                                StringDeserializer.class))) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < RECORDS && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}

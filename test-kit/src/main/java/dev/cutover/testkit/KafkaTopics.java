package dev.cutover.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Creating a topic and reading all of it, bounded in time, for tests. */
public final class KafkaTopics {

    /** How long {@link #create(String, String, int)} waits for the topic. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private static final Duration POLL = Duration.ofMillis(200);

    private KafkaTopics() {}

    /** {@link #create(String, String, int, Duration)} within {@link #DEFAULT_TIMEOUT}. */
    public static void create(String bootstrapServers, String topic, int partitions) {
        create(bootstrapServers, topic, partitions, DEFAULT_TIMEOUT);
    }

    /** {@link #create(String, String, int, Map, Duration)} with the broker's topic defaults. */
    public static void create(
            String bootstrapServers, String topic, int partitions, Duration timeout) {
        create(bootstrapServers, topic, partitions, Map.of(), timeout);
    }

    /**
     * Creates {@code topic} with the broker's default replication factor and {@code configs} (e.g.
     * {@code retention.ms}) and returns once every partition has a leader, so producers and
     * consumers can use it at once.
     *
     * @throws IllegalStateException when the topic cannot be created or is not usable in time
     */
    public static void create(
            String bootstrapServers,
            String topic,
            int partitions,
            Map<String, String> configs,
            Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = admin(bootstrapServers)) {
            admin.createTopics(
                            List.of(
                                    new NewTopic(topic, Optional.of(partitions), Optional.empty())
                                            .configs(configs)))
                    .all()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            String last = "not described yet";
            while (System.nanoTime() < deadline) {
                try {
                    TopicDescription description =
                            admin.describeTopics(Set.of(topic))
                                    .topicNameValues()
                                    .get(topic)
                                    .get(POLL.toMillis() * 10, TimeUnit.MILLISECONDS);
                    long led =
                            description.partitions().stream()
                                    .filter(p -> p.leader() != null && !p.leader().isEmpty())
                                    .count();
                    if (description.partitions().size() == partitions && led == partitions) {
                        return;
                    }
                    last = led + " of " + partitions + " partitions have a leader";
                } catch (ExecutionException | TimeoutException e) {
                    last = e.toString();
                }
                Thread.sleep(POLL.toMillis());
            }
            throw new IllegalStateException(
                    "Topic " + topic + " not usable within " + timeout + ": " + last);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "Could not create topic " + topic + " on " + bootstrapServers + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topic " + topic, e);
        }
    }

    /**
     * Reads {@code topic} from its beginning up to the end offsets it has when called (committed
     * records only: {@code isolation.level=read_committed}), without a consumer group.
     *
     * @return the records, partition by partition, each partition in offset order
     * @throws AssertionError when the end is not reached within {@code timeout}
     */
    public static List<ConsumerRecord<byte[], byte[]>> drain(
            String bootstrapServers, String topic, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
            if (infos == null || infos.isEmpty()) {
                throw new AssertionError("Topic " + topic + " does not exist");
            }
            List<TopicPartition> partitions =
                    infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            while (!reached(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(
                            "Drained only "
                                    + records.size()
                                    + " records of "
                                    + topic
                                    + " within "
                                    + timeout
                                    + "; end offsets "
                                    + end);
                }
                consumer.poll(POLL).forEach(records::add);
            }
            records.sort(
                    (a, b) ->
                            a.partition() != b.partition()
                                    ? Integer.compare(a.partition(), b.partition())
                                    : Long.compare(a.offset(), b.offset()));
            return records;
        }
    }

    /** The topic's offsets summed over its partitions: the earliest and the latest. */
    public record Offsets(long earliest, long latest) {
        /** How many records the topic holds now. */
        public long held() {
            return latest - earliest;
        }
    }

    /** The topic's current {@link Offsets}. */
    public static Offsets offsets(String bootstrapServers, String topic) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(topic, DEFAULT_TIMEOUT).stream()
                            .map(p -> new TopicPartition(topic, p.partition()))
                            .toList();
            return new Offsets(
                    sum(consumer.beginningOffsets(partitions, DEFAULT_TIMEOUT)),
                    sum(consumer.endOffsets(partitions, DEFAULT_TIMEOUT)));
        }
    }

    private static long sum(Map<TopicPartition, Long> offsets) {
        return offsets.values().stream().mapToLong(Long::longValue).sum();
    }

    private static boolean reached(
            KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    private static Admin admin(String bootstrapServers) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }
}

package dev.cutover.batch.io;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Turns a record-timestamp range into offsets per partition with {@code offsetsForTimes}: the first
 * offset whose timestamp is at or after the instant, or the partition's end when none is. Doing
 * this here (instead of Spark's {@code startingTimestamp}/{@code endingTimestamp}) pins the end:
 * Spark reads to the latest offset when no record matches the end, and a rerun would read more.
 */
public final class OffsetResolver {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Map<String, Object> kafkaProperties;

    public OffsetResolver(Map<String, String> kafkaProperties) {
        Map<String, Object> properties = new HashMap<>(kafkaProperties);
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.kafkaProperties = properties;
    }

    public TopicOffsets resolve(String topic, Instant from, Instant until) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(kafkaProperties)) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, TIMEOUT);
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " does not exist");
            }
            List<TopicPartition> partitions =
                    infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, TIMEOUT);
            Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(partitions, TIMEOUT);
            Map<TopicPartition, Long> startAt = at(consumer, partitions, from, ends);
            Map<TopicPartition, Long> endAt = at(consumer, partitions, until, ends);
            TreeMap<Integer, Long> start = new TreeMap<>();
            TreeMap<Integer, Long> end = new TreeMap<>();
            for (TopicPartition partition : partitions) {
                long last = endAt.get(partition);
                long first = Math.max(startAt.get(partition), beginnings.get(partition));
                start.put(partition.partition(), Math.min(first, last));
                end.put(partition.partition(), last);
            }
            TopicOffsets offsets = new TopicOffsets(topic, start, end);
            if (offsets.records() == 0) {
                requireNotExpired(consumer, topic, beginnings, until);
            }
            return offsets;
        }
    }

    /**
     * Offsets reused from an earlier run of the hour still name records the topic holds.
     *
     * @throws RecordsExpiredException when some were deleted since (a rerun would silently read
     *     less)
     */
    public void requireRetained(TopicOffsets offsets) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(kafkaProperties)) {
            Map<Integer, Long> logStart = new HashMap<>();
            consumer.beginningOffsets(
                            offsets.start().keySet().stream()
                                    .map(p -> new TopicPartition(offsets.topic(), p))
                                    .toList(),
                            TIMEOUT)
                    .forEach((partition, offset) -> logStart.put(partition.partition(), offset));
            long deleted = offsets.deletedBelow(logStart);
            if (deleted > 0) {
                throw new RecordsExpiredException(
                        "topic "
                                + offsets.topic()
                                + " deleted "
                                + deleted
                                + " of the "
                                + offsets.records()
                                + " records an earlier run of this hour read (retention.ms goes by"
                                + " record timestamp), so a rerun cannot read them again");
            }
        }
    }

    /**
     * A window with no records is empty, or its records were deleted: it is the latter when the
     * topic deleted records (a log start offset above 0) and retains none older than the window's
     * end.
     *
     * @throws RecordsExpiredException in the latter case
     */
    private static void requireNotExpired(
            KafkaConsumer<byte[], byte[]> consumer,
            String topic,
            Map<TopicPartition, Long> beginnings,
            Instant until) {
        long deleted = beginnings.values().stream().mapToLong(Long::longValue).sum();
        if (deleted == 0) {
            return;
        }
        Map<TopicPartition, Long> query = new HashMap<>();
        beginnings.keySet().forEach(p -> query.put(p, 0L));
        long earliest =
                consumer.offsetsForTimes(query, TIMEOUT).values().stream()
                        .filter(Objects::nonNull)
                        .mapToLong(OffsetAndTimestamp::timestamp)
                        .min()
                        .orElse(Long.MAX_VALUE);
        if (earliest >= until.toEpochMilli()) {
            throw new RecordsExpiredException(
                    "read no records: topic "
                            + topic
                            + " deleted its first "
                            + deleted
                            + " records (retention.ms goes by record timestamp) and "
                            + (earliest == Long.MAX_VALUE
                                    ? "keeps none at all"
                                    : "keeps none stamped before " + Instant.ofEpochMilli(earliest))
                            + ", so this hour's records are gone");
        }
    }

    private static Map<TopicPartition, Long> at(
            KafkaConsumer<byte[], byte[]> consumer,
            List<TopicPartition> partitions,
            Instant instant,
            Map<TopicPartition, Long> ends) {
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(p -> query.put(p, instant.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query, TIMEOUT);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp match = found.get(partition);
            offsets.put(partition, match == null ? ends.get(partition) : match.offset());
        }
        return offsets;
    }
}

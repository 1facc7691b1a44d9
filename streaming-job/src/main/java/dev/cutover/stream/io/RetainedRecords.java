package dev.cutover.stream.io;

import dev.cutover.contract.stream.StreamJobOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a bounded run from the earliest offsets will find: Kafka deletes records by their timestamp
 * (the topic's {@code retention.ms}), whatever the offsets, so a topic can hold none of the records
 * once written to it. Reading nothing then would pass off lost data as an empty topic.
 */
public final class RetainedRecords {
    private static final Logger LOG = LoggerFactory.getLogger(RetainedRecords.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** The topic deleted every record it held: a bounded run would read nothing. */
    public static final class ExpiredException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        ExpiredException(String message) {
            super(message);
        }
    }

    private RetainedRecords() {}

    /**
     * Logs a warning when some records were deleted before this run.
     *
     * @throws ExpiredException when every record the topic held was deleted
     */
    public static void requireSome(StreamJobOptions options) {
        Properties properties = options.kafkaClientProperties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties)) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(options.topic(), TIMEOUT).stream()
                            .map(p -> new TopicPartition(p.topic(), p.partition()))
                            .toList();
            Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(partitions, TIMEOUT);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, TIMEOUT);
            long deleted = beginnings.values().stream().mapToLong(Long::longValue).sum();
            long retained =
                    partitions.stream().mapToLong(p -> ends.get(p) - beginnings.get(p)).sum();
            if (deleted > 0 && retained == 0) {
                throw new ExpiredException(
                        "topic "
                                + options.topic()
                                + " holds none of the "
                                + deleted
                                + " records written to it: Kafka deleted them (retention.ms goes"
                                + " by record timestamp), so a bounded run would read nothing");
            }
            if (deleted > 0) {
                LOG.warn(
                        "topic {} deleted its first {} records before this run (retention);"
                                + " the run reads the {} it still holds",
                        options.topic(),
                        deleted,
                        retained);
            }
        }
    }
}

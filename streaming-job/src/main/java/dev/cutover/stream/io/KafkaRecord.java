package dev.cutover.stream.io;

import java.util.Arrays;
import java.util.Objects;

/**
 * One Kafka record as read: where it sits (topic, partition, offset), when it arrived (the Kafka
 * timestamp, epoch millis) and its value bytes, undecoded. A Flink POJO (public fields, no-arg
 * constructor), so it is serialized without Kryo.
 */
public class KafkaRecord {
    public String topic;
    public int partition;
    public long offset;
    public long timestamp;
    public byte[] value;

    public KafkaRecord() {}

    public KafkaRecord(String topic, int partition, long offset, long timestamp, byte[] value) {
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
        this.timestamp = timestamp;
        this.value = value;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof KafkaRecord other)) {
            return false;
        }
        return partition == other.partition
                && offset == other.offset
                && timestamp == other.timestamp
                && Objects.equals(topic, other.topic)
                && Arrays.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, partition, offset);
    }

    @Override
    public String toString() {
        return topic + "-" + partition + "@" + offset;
    }
}

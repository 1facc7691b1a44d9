package dev.cutover.batch.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The offsets one run reads per partition of its topic: {@code start} inclusive, {@code end}
 * exclusive, as Spark's Kafka source takes them.
 */
public record TopicOffsets(
        String topic, SortedMap<Integer, Long> start, SortedMap<Integer, Long> end) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public TopicOffsets {
        start = new TreeMap<>(start);
        end = new TreeMap<>(end);
        if (!start.keySet().equals(end.keySet())) {
            throw new IllegalArgumentException("start and end name different partitions");
        }
        for (Map.Entry<Integer, Long> entry : start.entrySet()) {
            if (end.get(entry.getKey()) < entry.getValue()) {
                throw new IllegalArgumentException(
                        "partition " + entry.getKey() + " ends before it starts");
            }
        }
    }

    /**
     * How many of the ranges' records the topic no longer holds, given the first offset each
     * partition still has (its log start offset).
     */
    public long deletedBelow(Map<Integer, Long> logStart) {
        long deleted = 0;
        for (Map.Entry<Integer, Long> range : start.entrySet()) {
            long first = logStart.getOrDefault(range.getKey(), 0L);
            deleted += Math.max(0, Math.min(first, end.get(range.getKey())) - range.getValue());
        }
        return deleted;
    }

    /** How many records the ranges hold (including any a transactional producer aborted). */
    public long records() {
        return start.keySet().stream().mapToLong(p -> end.get(p) - start.get(p)).sum();
    }

    /** {@code {"0": 12, "1": 40}}, as {@code batch.runs} stores it. */
    public static String toJson(SortedMap<Integer, Long> offsets) {
        try {
            return JSON.writeValueAsString(offsets);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static SortedMap<Integer, Long> fromJson(String json) {
        try {
            return new TreeMap<>(JSON.readValue(json, new TypeReference<Map<Integer, Long>>() {}));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not an offsets object: " + json, e);
        }
    }

    /** {@code {"topic": [0, 1, ...]}}, the form of the Kafka source's {@code assign} option. */
    public String assignJson() {
        try {
            return JSON.writeValueAsString(Map.of(topic, start.keySet()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code {"topic": {"0": 12, ...}}}, the form of Spark's startingOffsets/endingOffsets. */
    public String sparkJson(SortedMap<Integer, Long> offsets) {
        try {
            return JSON.writeValueAsString(Map.of(topic, offsets));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

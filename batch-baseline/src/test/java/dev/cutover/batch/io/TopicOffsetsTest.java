package dev.cutover.batch.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TopicOffsetsTest {
    private static TreeMap<Integer, Long> offsets(long... values) {
        TreeMap<Integer, Long> map = new TreeMap<>();
        for (int i = 0; i < values.length; i++) {
            map.put(i, values[i]);
        }
        return map;
    }

    @Test
    void sparkAndRunsTableForms() {
        TopicOffsets offsets = new TopicOffsets("t", offsets(0, 5), offsets(10, 7));

        assertThat(offsets.records()).isEqualTo(12);
        assertThat(offsets.sparkJson(offsets.end())).isEqualTo("{\"t\":{\"0\":10,\"1\":7}}");
        assertThat(offsets.assignJson()).isEqualTo("{\"t\":[0,1]}");
        String stored = TopicOffsets.toJson(offsets.start());
        assertThat(stored).isEqualTo("{\"0\":0,\"1\":5}");
        assertThat(TopicOffsets.fromJson(stored)).isEqualTo(offsets.start());
    }

    @Test
    void recordsBelowTheLogStartAreCountedAsDeleted() {
        TopicOffsets offsets = new TopicOffsets("t", offsets(0, 5, 8), offsets(10, 7, 8));

        assertThat(offsets.deletedBelow(Map.of(0, 0L, 1, 5L, 2, 0L))).isZero();
        // partition 0 lost 4 of its range, partition 1 its whole range (and more), 2 is empty
        assertThat(offsets.deletedBelow(Map.of(0, 4L, 1, 9L, 2, 9L))).isEqualTo(6);
    }

    @Test
    void rangesMustBeWellFormed() {
        assertThatThrownBy(() -> new TopicOffsets("t", offsets(5), offsets(4)))
                .hasMessageContaining("ends before it starts");
        assertThatThrownBy(() -> new TopicOffsets("t", offsets(0, 0), offsets(1)))
                .hasMessageContaining("different partitions");
    }
}

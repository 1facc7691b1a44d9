package dev.cutover.recon.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class KeyRangesTest {
    private static final List<String> SAMPLE =
            IntStream.range(0, 100).mapToObj(i -> String.format("k%03d", i)).toList();

    @Test
    void boundariesAreEvenlySpacedSampleKeys() {
        assertThat(KeyRanges.boundaries(SAMPLE, 4)).containsExactly("k025", "k050", "k075");
        assertThat(KeyRanges.boundaries(SAMPLE, 1)).isEmpty();
        assertThat(KeyRanges.boundaries(SAMPLE.subList(0, 3), 10))
                .containsExactly("k000", "k001", "k002");
    }

    @Test
    void neighbouringSegmentsAreReadAsOneRangeOpenAtTheEnds() {
        KeyRanges ranges = new KeyRanges("text", "", new String[] {"b", "d", "f", "h"});
        assertThat(ranges.size()).isEqualTo(5);

        // segments 0 (< b), 1 [b, d), 2 [d, f) are one run; 4 (≥ h) another
        RowSelection rows = ranges.selection(new long[] {0, 1, 2, 4}).orElseThrow();
        assertThat(rows.parameters()).containsExactly("f", "h");

        RowSelection middle = ranges.selection(new long[] {2, 3}).orElseThrow();
        assertThat(middle.parameters()).containsExactly("d", "h");
    }

    @Test
    void tooManyRangesAreNotReadByRange() {
        int segments = 2 * KeyRanges.MAX_RUNS + 4;
        String[] bounds =
                IntStream.range(1, segments).mapToObj(i -> "k" + i).toArray(String[]::new);
        KeyRanges ranges = new KeyRanges("text", "", bounds);
        long[] everyOther = IntStream.range(0, segments / 2).mapToLong(i -> 2L * i).toArray();

        assertThat(ranges.selection(everyOther)).isEmpty();
        assertThat(ranges.selection(new long[] {0, 1, 2})).isPresent();
    }
}

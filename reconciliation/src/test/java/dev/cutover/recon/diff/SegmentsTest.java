package dev.cutover.recon.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SegmentsTest {
    private static final long WIDTH = SideSql.HASH_SPACE / 1024;

    @Test
    void splittingCoversExactlyTheParentRanges() {
        Segments parents = new Segments(WIDTH, new long[] {7, 3});
        Segments children = parents.split(16);

        assertThat(children.width()).isEqualTo(WIDTH / 16);
        assertThat(children.size()).isEqualTo(32);
        for (long child : children.ids()) {
            long start = children.start(child);
            assertThat(parents.of(start)).isIn(3L, 7L);
            assertThat(parents.of(start + children.width() - 1)).isEqualTo(parents.of(start));
        }
        assertThat(children.start(children.ids()[0])).isEqualTo(parents.start(3));
    }

    @Test
    void theWholeHashSpaceFitsInSegments() {
        Segments all = new Segments(WIDTH, new long[] {0, 1023});
        assertThat(all.of(SideSql.HASH_SPACE - 1)).isEqualTo(1023);
        assertThat(all.of(0)).isZero();
    }

    @Test
    void firstLevelSegmentsHoldAboutTwoThousandRows() {
        assertThat(ChecksumDiff.tuningFor(0).initialSegments()).isEqualTo(1024);
        assertThat(ChecksumDiff.tuningFor(1_000_000).initialSegments()).isEqualTo(1024);
        assertThat(ChecksumDiff.tuningFor(25_000_000).initialSegments()).isEqualTo(16_384);
        assertThat(ChecksumDiff.tuningFor(Long.MAX_VALUE).initialSegments()).isEqualTo(65_536);
    }

    @Test
    void badSegmentsAreRejectedOnConstruction() {
        assertThatThrownBy(() -> new Segments(3, new long[] {0}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Segments(WIDTH, new long[] {1024}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Segments(WIDTH, new long[] {-1}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Segments(1, new long[] {0}).split(2))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

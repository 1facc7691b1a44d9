package dev.cutover.recon.diff;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChecksumDiffTest {
    @Test
    void workMemFitsTheSegmentsBetweenFourAnd256Megabytes() {
        assertThat(ChecksumDiff.workMem(1_025)).isEqualTo("4096kB");
        assertThat(ChecksumDiff.workMem(16_385)).isEqualTo("4096kB");
        assertThat(ChecksumDiff.workMem(65_537)).isEqualTo("16384kB");
        assertThat(ChecksumDiff.workMem(25_000_000)).isEqualTo("262144kB");
    }

    @Test
    void firstLevelSegmentsHoldAboutTwoThousandRows() {
        assertThat(ChecksumDiff.tuningFor(1_000).initialSegments()).isEqualTo(1_024);
        assertThat(ChecksumDiff.tuningFor(25_000_000).initialSegments()).isEqualTo(16_384);
        assertThat(ChecksumDiff.tuningFor(1_000_000_000).initialSegments()).isEqualTo(65_536);
    }
}

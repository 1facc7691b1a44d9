package dev.cutover.recon.diff;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ModeTest {
    @Test
    void autoComparesSmallTablesInFullAndLargeOnesByChecksum() {
        assertThat(Mode.auto(0)).isEqualTo(Mode.FULL);
        assertThat(Mode.auto(Mode.LARGE_ROWS - 1)).isEqualTo(Mode.FULL);
        assertThat(Mode.auto(Mode.LARGE_ROWS)).isEqualTo(Mode.CHECKSUM);
        assertThat(Mode.auto(25_000_000)).isEqualTo(Mode.CHECKSUM);
    }
}

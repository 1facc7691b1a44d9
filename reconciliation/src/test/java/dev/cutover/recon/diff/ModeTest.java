package dev.cutover.recon.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.recon.db.ConnectionSpec;
import dev.cutover.recon.db.TableRef;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModeTest {
    private static final ConnectionSpec ONE =
            new ConnectionSpec("jdbc:postgresql://db.example:5432/parity", "reader", "secret");
    private static final ConnectionSpec OTHER =
            new ConnectionSpec("jdbc:postgresql://other.example:5432/parity", "reader", "secret");

    @Test
    void smallTablesAreComparedInFullWhereverTheyAre() {
        assertThat(Mode.auto(spec(ONE, ONE, true), Mode.LARGE_ROWS - 1)).isEqualTo(Mode.FULL);
        assertThat(Mode.auto(spec(ONE, OTHER, false), 0)).isEqualTo(Mode.FULL);
    }

    @Test
    void largeTablesAreChecksummedWhereverTheyAre() {
        assertThat(Mode.auto(spec(ONE, ONE, true), Mode.LARGE_ROWS)).isEqualTo(Mode.CHECKSUM);
        assertThat(Mode.auto(spec(ONE, OTHER, true), 25_000_000)).isEqualTo(Mode.CHECKSUM);
        assertThat(Mode.auto(spec(ONE, ONE, false), 25_000_000)).isEqualTo(Mode.CHECKSUM);
    }

    private static DiffSpec spec(ConnectionSpec left, ConnectionSpec right, boolean uniqueKeys) {
        return new DiffSpec(
                "card_transactions",
                new TableSide(left, new TableRef("stream", "card_transactions"), null),
                new TableSide(right, new TableRef("batch", "card_transactions"), null),
                List.of(),
                List.of(),
                List.of(),
                uniqueKeys,
                uniqueKeys,
                10,
                null,
                null);
    }
}

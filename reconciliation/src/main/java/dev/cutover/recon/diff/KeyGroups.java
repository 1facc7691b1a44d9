package dev.cutover.recon.diff;

import dev.cutover.recon.ReconException;
import dev.cutover.recon.compare.KeyOrder;
import java.util.List;

/**
 * One side's rows as runs of equal keys: a run longer than one is a duplicate key. Rows with a NULL
 * key part are counted and left out. Checks that keys really come in {@link KeyOrder}.
 */
final class KeyGroups {
    /** A key, its first row, and how many rows carry it. */
    record Group(Row first, long count) {
        Object[] key() {
            return first.key();
        }
    }

    private final SideReader reader;
    private final Side side;
    private final DiffAccumulator accumulator;
    private final boolean countRows;
    private List<Row> batch = List.of();
    private int position;
    private boolean ended;
    private Row pending;
    private Object[] previousKey;

    KeyGroups(SideReader reader, Side side, DiffAccumulator accumulator, boolean countRows) {
        this.reader = reader;
        this.side = side;
        this.accumulator = accumulator;
        this.countRows = countRows;
    }

    Group next() {
        Row first = pending != null ? pending : nextKeyed();
        pending = null;
        if (first == null) {
            return null;
        }
        long count = 1;
        Row row;
        while ((row = nextKeyed()) != null) {
            if (KeyOrder.INSTANCE.compare(first.key(), row.key()) == 0) {
                count++;
            } else {
                pending = row;
                break;
            }
        }
        return new Group(first, count);
    }

    private Row nextKeyed() {
        while (true) {
            Row row = nextRow();
            if (row == null) {
                return null;
            }
            if (countRows) {
                accumulator.rows(side, 1);
            }
            if (row.hasNullKey()) {
                if (countRows) {
                    accumulator.nullKey(side, 1);
                }
                continue;
            }
            if (previousKey != null && KeyOrder.INSTANCE.compare(previousKey, row.key()) > 0) {
                throw ReconException.infrastructure(
                        "the database returned "
                                + side.label()
                                + " keys out of byte-wise order: cannot merge",
                        null);
            }
            previousKey = row.key();
            return row;
        }
    }

    private Row nextRow() {
        while (position >= batch.size()) {
            if (ended) {
                return null;
            }
            batch = reader.take();
            position = 0;
            if (batch.isEmpty()) {
                ended = true;
                return null;
            }
        }
        return batch.get(position++);
    }
}

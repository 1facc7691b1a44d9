package dev.cutover.recon.diff;

import java.util.Arrays;
import java.util.List;

/**
 * Segments of the key-hash space {@code [0, 2^62)}, all of one power-of-two {@code width}: segment
 * {@code i} is {@code [i * width, (i + 1) * width)}. Validated on construction.
 */
record Segments(long width, long[] ids) implements RowSelection {
    Segments {
        if (width <= 0 || Long.bitCount(width) != 1 || width > SideSql.HASH_SPACE) {
            throw new IllegalArgumentException("segment width must be a power of two ≤ 2^62");
        }
        long count = SideSql.HASH_SPACE / width;
        ids = ids.clone();
        Arrays.sort(ids);
        for (long id : ids) {
            if (id < 0 || id >= count) {
                throw new IllegalArgumentException("segment " + id + " outside [0, " + count + ")");
            }
        }
    }

    /** The first segment bound of segment {@code id} (inclusive) */
    long start(long id) {
        return id * width;
    }

    /** The segments {@code fanout} times narrower that cover these ones. */
    Segments split(int fanout) {
        if (Integer.bitCount(fanout) != 1 || width / fanout < 1) {
            throw new IllegalArgumentException("cannot split width " + width + " by " + fanout);
        }
        long[] children = new long[ids.length * fanout];
        for (int i = 0; i < ids.length; i++) {
            for (int j = 0; j < fanout; j++) {
                children[i * fanout + j] = ids[i] * fanout + j;
            }
        }
        return new Segments(width / fanout, children);
    }

    /** The segment of hash {@code hash} at this width. */
    long of(long hash) {
        return hash / width;
    }

    int size() {
        return ids.length;
    }

    @Override
    public String condition(SideSql sql) {
        return "(" + sql.keysNotNull() + ") AND " + sql.keyHash() + " / ? = ANY (?)";
    }

    @Override
    public List<Object> parameters() {
        return List.of(width, ids);
    }
}

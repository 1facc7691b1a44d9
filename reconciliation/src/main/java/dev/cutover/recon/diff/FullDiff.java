package dev.cutover.recon.diff;

import dev.cutover.recon.compare.KeyOrder;
import dev.cutover.recon.compare.ValueComparator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streaming merge diff: both sides ordered by key (byte-wise for text) through server-side
 * cursors, each read on its own thread, merged in one pass. Memory holds a few batches per side and
 * per part, whatever the table size.
 *
 * <p>With several threads the keys are split into parts by their place in the key-hash space (the
 * {@link Segments} of the checksum diff): every row of a key, duplicates included, falls in one
 * part, and rows with a NULL key part go to part 0 only. Each part is merged on its own pair of
 * cursors; the parts' counts and samples are then added up, so the result equals the one-part
 * merge's.
 */
public final class FullDiff {
    private static final Logger LOG = LoggerFactory.getLogger(FullDiff.class);

    private FullDiff() {}

    /** The default number of threads (parts merged at once): the number of CPUs. */
    public static int defaultThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    public static DiffResult run(DiffSpec spec) {
        return run(spec, defaultThreads());
    }

    /** Merges with {@code threads} parts at once (1: one merge over all keys). */
    public static DiffResult run(DiffSpec spec, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be ≥ 1, not " + threads);
        }
        DiffAccumulator total = new DiffAccumulator(spec);
        if (threads == 1) {
            merge(spec, total, null, true);
            return total.result("full");
        }
        int parts = Integer.highestOneBit(threads - 1) << 1; // a power of two ≥ threads
        long width = SideSql.HASH_SPACE / parts;
        LOG.debug("full diff of {}: {} parts on {} threads", spec.name(), parts, threads);
        ExecutorService pool =
                Executors.newFixedThreadPool(threads, DiffWorkers.daemon("recon-part"));
        try {
            List<Future<DiffAccumulator>> results = new ArrayList<>();
            for (int part = 0; part < parts; part++) {
                Segments segment = new Segments(width, new long[] {part});
                boolean withNullKeys = part == 0;
                results.add(
                        pool.submit(
                                () -> {
                                    DiffAccumulator accumulator = new DiffAccumulator(spec);
                                    merge(spec, accumulator, segment, withNullKeys, true);
                                    return accumulator;
                                }));
            }
            for (Future<DiffAccumulator> result : results) {
                total.absorb(DiffWorkers.await(result, "the full diff"));
            }
        } finally {
            pool.shutdownNow();
        }
        return total.result("full");
    }

    /**
     * Merges the rows of both sides, restricted to {@code rows} when given (the checksum diff's
     * last step: its differing segments); counts rows only when {@code countRows}.
     */
    static void merge(
            DiffSpec spec, DiffAccumulator accumulator, RowSelection rows, boolean countRows) {
        merge(spec, accumulator, rows, false, countRows);
    }

    /**
     * As {@link #merge(DiffSpec, DiffAccumulator, RowSelection, boolean)}; with {@code
     * withNullKeys} the rows with a NULL key part are read (and counted) too.
     */
    private static void merge(
            DiffSpec spec,
            DiffAccumulator accumulator,
            RowSelection rows,
            boolean withNullKeys,
            boolean countRows) {
        SideReader left = reader(spec, Side.LEFT, rows, withNullKeys);
        SideReader right = reader(spec, Side.RIGHT, rows, withNullKeys);
        ExecutorService threads =
                Executors.newFixedThreadPool(2, DiffWorkers.daemon("recon-reader"));
        try {
            threads.execute(left);
            threads.execute(right);
            KeyGroups lefts = new KeyGroups(left, Side.LEFT, accumulator, countRows);
            KeyGroups rights = new KeyGroups(right, Side.RIGHT, accumulator, countRows);
            KeyGroups.Group l = lefts.next();
            KeyGroups.Group r = rights.next();
            while (l != null || r != null) {
                int c =
                        l == null
                                ? 1
                                : r == null ? -1 : KeyOrder.INSTANCE.compare(l.key(), r.key());
                if (c < 0) {
                    oneSide(accumulator, Side.LEFT, l);
                    l = lefts.next();
                } else if (c > 0) {
                    oneSide(accumulator, Side.RIGHT, r);
                    r = rights.next();
                } else {
                    both(spec, accumulator, l, r);
                    l = lefts.next();
                    r = rights.next();
                }
            }
        } finally {
            left.cancel();
            right.cancel();
            threads.shutdownNow();
        }
    }

    private static SideReader reader(
            DiffSpec spec, Side side, RowSelection rows, boolean withNullKeys) {
        SideSql sql = new SideSql(spec, side);
        List<Object> parameters = new ArrayList<>();
        String where;
        if (rows == null) {
            where = sql.where();
        } else {
            String selected = rows.condition(sql);
            where = sql.where(withNullKeys ? "(" + sql.keysNull() + ") OR " + selected : selected);
            parameters.addAll(rows.parameters());
        }
        String query =
                "SELECT "
                        + sql.selectList()
                        + " FROM "
                        + sql.table()
                        + where
                        + " ORDER BY "
                        + sql.orderBy();
        return new SideReader(spec, side, query, parameters);
    }

    private static void oneSide(DiffAccumulator accumulator, Side side, KeyGroups.Group group) {
        if (group.count() > 1) {
            accumulator.duplicateKey(side, group.first());
        } else {
            accumulator.onlyIn(side, group.first());
        }
    }

    private static void both(
            DiffSpec spec, DiffAccumulator accumulator, KeyGroups.Group l, KeyGroups.Group r) {
        if (l.count() > 1 || r.count() > 1) {
            if (l.count() > 1) {
                accumulator.duplicateKey(Side.LEFT, l.first());
            }
            if (r.count() > 1) {
                accumulator.duplicateKey(Side.RIGHT, r.first());
            }
            return;
        }
        compare(spec, accumulator, l.first(), r.first());
    }

    /** One row of each side with the same key: matched, or a mismatch naming its columns. */
    static void compare(DiffSpec spec, DiffAccumulator accumulator, Row left, Row right) {
        List<String> differing = new ArrayList<>();
        for (int i = 0; i < spec.compared().size(); i++) {
            ColumnPair column = spec.compared().get(i);
            if (!ValueComparator.equal(left.values()[i], right.values()[i], column.tolerance())) {
                differing.add(column.name());
            }
        }
        if (differing.isEmpty()) {
            accumulator.matched(left);
        } else {
            accumulator.mismatch(left, right, differing);
        }
    }
}

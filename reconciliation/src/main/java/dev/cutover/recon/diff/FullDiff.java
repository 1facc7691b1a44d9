package dev.cutover.recon.diff;

import dev.cutover.recon.compare.KeyOrder;
import dev.cutover.recon.compare.ValueComparator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The streaming merge diff: both sides ordered by key (byte-wise for text) through server-side
 * cursors, each read on its own thread, merged in one pass. Memory holds a few batches per side,
 * whatever the table size.
 */
public final class FullDiff {
    private FullDiff() {}

    public static DiffResult run(DiffSpec spec) {
        DiffAccumulator accumulator = new DiffAccumulator(spec);
        merge(spec, accumulator, null, true);
        return accumulator.result("full");
    }

    /**
     * Merges the rows of both sides, restricted to some key-hash segments when {@code segments} is
     * given (the checksum diff's last step); counts rows only when {@code countRows}.
     */
    static void merge(
            DiffSpec spec, DiffAccumulator accumulator, Segments segments, boolean countRows) {
        SideReader left = reader(spec, Side.LEFT, segments);
        SideReader right = reader(spec, Side.RIGHT, segments);
        ExecutorService threads =
                Executors.newFixedThreadPool(
                        2,
                        r -> {
                            Thread thread = new Thread(r, "recon-reader");
                            thread.setDaemon(true);
                            return thread;
                        });
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

    private static SideReader reader(DiffSpec spec, Side side, Segments segments) {
        SideSql sql = new SideSql(spec, side);
        List<Object> parameters = new ArrayList<>();
        String where;
        if (segments == null) {
            where = sql.where();
        } else {
            where = sql.where(sql.keysNotNull(), sql.keyHash() + " / ? = ANY (?)");
            parameters.add(segments.width());
            parameters.add(segments.ids());
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
        List<String> differing = new ArrayList<>();
        for (int i = 0; i < spec.compared().size(); i++) {
            ColumnPair column = spec.compared().get(i);
            Object a = l.first().values()[i];
            Object b = r.first().values()[i];
            if (!ValueComparator.equal(a, b, column.tolerance())) {
                differing.add(column.name());
            }
        }
        if (differing.isEmpty()) {
            accumulator.matched(l.first());
        } else {
            accumulator.mismatch(l.first(), r.first(), differing);
        }
    }
}

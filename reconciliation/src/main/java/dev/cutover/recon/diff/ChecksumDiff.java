package dev.cutover.recon.diff;

import dev.cutover.recon.db.Sql;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * data-diff's idea on PostgreSQL: count and sum row hashes per segment inside the database on both
 * sides, split only the segments that differ, and fetch the rows of the last differing segments for
 * the row-by-row merge ({@link FullDiff}). Segments are ranges of the key ({@link KeyRanges}) on
 * tables stored in key order with a unique single-column key indexed on both sides, else ranges of
 * the key's hash (any key, one scan per level). Columns with a tolerance are hashed by the bucket
 * their value falls in (same bucket implies within tolerance), and every differing segment is
 * re-checked with the real tolerance, so the counts always equal {@link FullDiff}'s. Segments
 * holding a repeated key are always re-checked, so duplicates are found as the full diff finds
 * them.
 */
public final class ChecksumDiff {
    private static final Logger LOG = LoggerFactory.getLogger(ChecksumDiff.class);
    static final int INITIAL_SEGMENTS = 1024;
    static final int MAX_INITIAL_SEGMENTS = 65_536;

    /** Rows per first-level segment aimed at: a few differences then fetch few rows. */
    static final long ROWS_PER_SEGMENT = 2_000;

    static final int FANOUT = 16;

    private static final String SESSION_SETTINGS = Sql.resource("checksum_session.sql");

    /**
     * Bisect while the differing segments hold more rows than this: fetching and merging 200k rows
     * costs less than another pass over a large table.
     */
    static final long LEAF_ROWS = 200_000;

    private ChecksumDiff() {}

    /** Count and hash sum of one segment on one side. */
    record Stat(long count, BigDecimal sum) {}

    /**
     * How the hash space is cut: {@code initialSegments} at the first level, each differing one
     * split in {@code fanout} at the next, until the differing segments hold at most {@code
     * leafRows} rows. All powers of two (but {@code leafRows}).
     */
    public record Tuning(int initialSegments, int fanout, long leafRows) {
        public static final Tuning DEFAULT = new Tuning(INITIAL_SEGMENTS, FANOUT, LEAF_ROWS);

        public Tuning {
            if (Integer.bitCount(initialSegments) != 1
                    || Integer.bitCount(fanout) != 1
                    || fanout < 2) {
                throw new IllegalArgumentException("segments and fanout must be powers of two");
            }
        }
    }

    /**
     * Key-range segments ({@link KeyRanges}) when both tables qualify and are stored in key order,
     * key-hash segments otherwise.
     */
    public static DiffResult run(DiffSpec spec) {
        long start = System.nanoTime();
        Tuning tuning = tuningFor(TableStats.estimatedRows(spec));
        Optional<KeyRanges> ranges = KeyRanges.plan(spec, tuning.initialSegments(), true);
        LOG.debug(
                "{}: planned {} in {} ms",
                spec.name(),
                ranges.map(Object::toString).orElse("key hashes"),
                millis(start));
        return ranges.isPresent() ? run(spec, ranges.get()) : run(spec, tuning);
    }

    /**
     * Both sides' key ranges are summed (in parts, {@link #sums}); the rows of the differing ranges
     * are then merged, read by index range. When the differences make too many ranges, the full
     * diff runs instead.
     */
    static DiffResult run(DiffSpec spec, KeyRanges ranges) {
        long start = System.nanoTime();
        DiffAccumulator accumulator = new DiffAccumulator(spec);
        List<Map<Long, Stat>> level = sums(spec, ranges, FullDiff.defaultThreads());
        countRows(level, accumulator);
        long[] flagged = compare(level, Set.of(), accumulator);
        LOG.debug(
                "{}: {} of {} differ (sums in {} ms)",
                spec.name(),
                flagged.length,
                ranges,
                millis(start));
        if (flagged.length == 0) {
            return accumulator.result("checksum");
        }
        Optional<RowSelection> rows = ranges.selection(flagged);
        if (rows.isEmpty()) {
            LOG.info(
                    "{}: {} of {} differ, too many to read by range: full diff",
                    spec.name(),
                    flagged.length,
                    ranges);
            return FullDiff.run(spec);
        }
        long merge = System.nanoTime();
        FullDiff.merge(spec, accumulator, rows.get(), false);
        LOG.debug("{}: differing ranges merged in {} ms", spec.name(), millis(merge));
        return accumulator.result("checksum");
    }

    private static long millis(long since) {
        return (System.nanoTime() - since) / 1_000_000;
    }

    /** About {@link #ROWS_PER_SEGMENT} rows per first-level segment, in [1024, 65536]. */
    static Tuning tuningFor(long rows) {
        long wanted = Math.max(1, rows / ROWS_PER_SEGMENT);
        int segments = INITIAL_SEGMENTS;
        while (segments < wanted && segments < MAX_INITIAL_SEGMENTS) {
            segments *= 2;
        }
        return new Tuning(segments, FANOUT, LEAF_ROWS);
    }

    public static DiffResult run(DiffSpec spec, Tuning tuning) {
        DiffAccumulator accumulator = new DiffAccumulator(spec);
        long width = SideSql.HASH_SPACE / tuning.initialSegments();
        List<Map<Long, Stat>> level = both(side -> levelZero(spec, side, width));
        countRows(level, accumulator);
        Set<Long> duplicateHashes = new HashSet<>();
        both(side -> duplicates(spec, side)).forEach(duplicateHashes::addAll);

        Segments current = compare(level, width, duplicateHashes, accumulator);
        int depth = 0;
        while (current.size() > 0
                && rows(level, current) > tuning.leafRows()
                && current.width() >= tuning.fanout()) {
            Segments parents = current;
            Segments children = parents.split(tuning.fanout());
            level = both(side -> deeper(spec, side, parents, children.width()));
            current = compare(level, children.width(), duplicateHashes, accumulator);
            depth++;
        }
        LOG.debug(
                "{}: {} segments left to merge after {} bisections",
                spec.name(),
                current.size(),
                depth);
        if (current.size() > 0) {
            FullDiff.merge(spec, accumulator, current, false);
        }
        return accumulator.result("checksum");
    }

    private static long rows(List<Map<Long, Stat>> level, Segments segments) {
        long rows = 0;
        for (long id : segments.ids()) {
            Stat l = level.get(0).get(id);
            Stat r = level.get(1).get(id);
            rows += Math.max(l == null ? 0 : l.count(), r == null ? 0 : r.count());
        }
        return rows;
    }

    /** One part of one side's sums ({@link KeyRanges#sums}). */
    private record SumsPart(Side side, int part) {}

    /**
     * Both sides' sums of every key range, cut into parts that {@code workers} threads take in
     * turn, the two sides' parts interleaved (whichever side finishes first, its worker goes on
     * with the other's parts); each worker keeps one connection per side.
     */
    private static List<Map<Long, Stat>> sums(DiffSpec spec, KeyRanges ranges, int workers) {
        int parts = Math.max(1, Math.min(ranges.size() / 64, 8 * workers));
        Queue<SumsPart> queue = new ConcurrentLinkedQueue<>();
        for (int part = 0; part < parts; part++) {
            for (Side side : Side.values()) {
                queue.add(new SumsPart(side, part));
            }
        }
        List<Map<Long, Stat>> sums = List.of(new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
        ExecutorService pool =
                Executors.newFixedThreadPool(workers, DiffWorkers.daemon("recon-checksum"));
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                running.add(pool.submit(() -> sumParts(spec, ranges, parts, queue, sums)));
            }
            for (Future<?> worker : running) {
                DiffWorkers.await(worker, "the checksum");
            }
        } finally {
            pool.shutdownNow();
        }
        return List.of(new HashMap<>(sums.get(0)), new HashMap<>(sums.get(1)));
    }

    /** Takes parts from {@code queue} until it is empty. */
    private static void sumParts(
            DiffSpec spec,
            KeyRanges ranges,
            int parts,
            Queue<SumsPart> queue,
            List<Map<Long, Stat>> sums) {
        Map<Side, Connection> connections = new EnumMap<>(Side.class);
        Side side = Side.LEFT;
        try {
            for (SumsPart next = queue.poll(); next != null; next = queue.poll()) {
                side = next.side();
                Connection connection = connections.get(side);
                if (connection == null) {
                    connection = DiffWorkers.readOnly(spec, side);
                    connections.put(side, connection);
                }
                KeyRanges.Query query = ranges.sums(new SideSql(spec, side), next.part(), parts);
                Map<Long, Stat> stats = sums.get(side.ordinal());
                run(
                        connection,
                        spec.side(side),
                        query.sql(),
                        query.parameters(),
                        ranges.size(),
                        rows -> collect(rows, stats));
            }
        } catch (SQLException e) {
            throw Binder.translate(
                    e, "checksum of " + side.label() + " table " + spec.side(side).table());
        } finally {
            for (Connection connection : connections.values()) {
                try {
                    connection.close();
                } catch (SQLException e) {
                    LOG.debug("closing a checksum connection", e);
                }
            }
        }
    }

    /** Every segment's rows counted on its side; segment -1 (NULL keys) removed and counted. */
    private static void countRows(List<Map<Long, Stat>> level, DiffAccumulator accumulator) {
        for (Side side : Side.values()) {
            Map<Long, Stat> stats = level.get(side.ordinal());
            stats.values().forEach(s -> accumulator.rows(side, s.count()));
            Stat nulls = stats.remove(-1L);
            accumulator.nullKey(side, nulls == null ? 0 : nulls.count());
        }
    }

    /** Key-hash segments that differ (or hold a repeated key); the others count as matched. */
    private static Segments compare(
            List<Map<Long, Stat>> level,
            long width,
            Set<Long> duplicateHashes,
            DiffAccumulator accumulator) {
        Set<Long> forced = new HashSet<>();
        duplicateHashes.forEach(h -> forced.add(h / width));
        return new Segments(width, compare(level, forced, accumulator));
    }

    /** Ids of the segments that differ or are {@code forced}; the others count as matched. */
    private static long[] compare(
            List<Map<Long, Stat>> level, Set<Long> forced, DiffAccumulator accumulator) {
        Set<Long> ids = new TreeSet<>(level.get(0).keySet());
        ids.addAll(level.get(1).keySet());
        List<Long> flagged = new ArrayList<>();
        for (long id : ids) {
            Stat l = level.get(0).get(id);
            if (l != null && l.equals(level.get(1).get(id)) && !forced.contains(id)) {
                accumulator.matched(l.count());
            } else {
                flagged.add(id);
            }
        }
        return flagged.stream().mapToLong(Long::longValue).toArray();
    }

    private static Map<Long, Stat> levelZero(DiffSpec spec, Side side, long width) {
        SideSql sql = new SideSql(spec, side);
        String query =
                "SELECT CASE WHEN "
                        + sql.keysNull()
                        + " THEN -1 ELSE "
                        + sql.keyHash()
                        + " / ? END, count(*), sum("
                        + sql.rowHash()
                        + ") FROM "
                        + sql.table()
                        + sql.where()
                        + " GROUP BY 1";
        return stats(spec, side, query, List.of(width), SideSql.HASH_SPACE / width + 1);
    }

    private static Map<Long, Stat> deeper(
            DiffSpec spec, Side side, Segments parents, long childWidth) {
        SideSql sql = new SideSql(spec, side);
        String query =
                "SELECT h / ?, count(*), sum(rh) FROM (SELECT "
                        + sql.keyHash()
                        + " AS h, "
                        + sql.rowHash()
                        + " AS rh FROM "
                        + sql.table()
                        + sql.where(sql.keysNotNull())
                        + ") s WHERE h / ? = ANY (?) GROUP BY 1";
        return stats(
                spec,
                side,
                query,
                List.of(childWidth, parents.width(), parents.ids()),
                (long) parents.size() * (parents.width() / childWidth));
    }

    /** Key hashes of keys that repeat on a side (none asked when a unique index forbids them). */
    private static Set<Long> duplicates(DiffSpec spec, Side side) {
        boolean unique = side == Side.LEFT ? spec.leftKeyUnique() : spec.rightKeyUnique();
        Set<Long> hashes = new HashSet<>();
        if (unique) {
            return hashes;
        }
        SideSql sql = new SideSql(spec, side);
        String query =
                "SELECT min("
                        + sql.keyHash()
                        + ") FROM "
                        + sql.table()
                        + sql.where(sql.keysNotNull())
                        + " GROUP BY "
                        + sql.keyGroup()
                        + " HAVING count(*) > 1";
        execute(
                spec,
                side,
                query,
                List.of(),
                TableStats.estimatedRows(spec),
                rows -> {
                    while (rows.next()) {
                        hashes.add(rows.getLong(1));
                    }
                });
        return hashes;
    }

    private static Map<Long, Stat> stats(
            DiffSpec spec, Side side, String query, List<Object> parameters, long groups) {
        Map<Long, Stat> stats = new HashMap<>();
        execute(spec, side, query, parameters, groups, rows -> collect(rows, stats));
        return stats;
    }

    /** Rows of {@code segment, count, sum} into {@code stats}. */
    private static void collect(ResultSet rows, Map<Long, Stat> stats) throws SQLException {
        while (rows.next()) {
            BigDecimal sum = rows.getBigDecimal(3);
            stats.put(
                    rows.getLong(1),
                    new Stat(
                            rows.getLong(2),
                            sum == null ? BigDecimal.ZERO : sum.stripTrailingZeros()));
        }
    }

    /**
     * About 256 bytes per group (a segment's hash entry with its count and sum takes ~240), at
     * least PostgreSQL's default 4 MB, at most 256 MB.
     */
    static String workMem(long groups) {
        long kilobytes = Math.min(256 * 1024, Math.max(4 * 1024, groups / 4));
        return kilobytes + "kB";
    }

    private interface RowsConsumer {
        void accept(ResultSet rows) throws SQLException;
    }

    /**
     * Runs one query on a connection of its own in a read-only transaction with the checksum
     * settings; {@code groups} is about how many groups its aggregate makes.
     */
    private static void execute(
            DiffSpec spec,
            Side side,
            String query,
            List<Object> parameters,
            long groups,
            RowsConsumer consumer) {
        try (Connection connection = DiffWorkers.readOnly(spec, side)) {
            run(connection, spec.side(side), query, parameters, groups, consumer);
        } catch (SQLException e) {
            throw Binder.translate(
                    e, "checksum of " + side.label() + " table " + spec.side(side).table());
        }
    }

    /**
     * One query in a transaction of its own, on the side's {@link SharedSnapshot}, with the
     * checksum settings (they end with it).
     */
    private static void run(
            Connection connection,
            TableSide side,
            String query,
            List<Object> parameters,
            long groups,
            RowsConsumer consumer)
            throws SQLException {
        SharedSnapshot.begin(connection, side);
        try (PreparedStatement settings = connection.prepareStatement(SESSION_SETTINGS)) {
            settings.setString(1, workMem(groups));
            settings.execute();
        }
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            Binder.bind(connection, statement, parameters);
            try (ResultSet rows = statement.executeQuery()) {
                consumer.accept(rows);
            }
        }
        connection.commit();
    }

    /** Runs one query per side, both at once (two connections, two database backends). */
    private static <T> List<T> both(java.util.function.Function<Side, T> query) {
        Supplier<T> left = () -> query.apply(Side.LEFT);
        CompletableFuture<T> right = CompletableFuture.supplyAsync(() -> query.apply(Side.RIGHT));
        try {
            T l = left.get();
            T r = right.join();
            return List.of(l, r);
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }
}

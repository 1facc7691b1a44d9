package dev.cutover.recon.diff;

import dev.cutover.recon.db.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * First-level segments of the checksum diff cut by key value rather than by key hash, for a
 * single-column key that is unique on both sides, of one type and collation, with a btree index
 * starting with it on both sides. Boundaries {@code b[0] < … < b[m-1]} are sampled from the left
 * table; segment 0 holds the keys below {@code b[0]}, segment {@code i} the keys in {@code [b[i-1],
 * b[i])}, segment {@code m} those from {@code b[m-1]} on. Each segment is summed by its own index
 * range scan (no hash aggregate, no key hash per row) and the differing segments' rows are read by
 * index range too: no second pass over the table. On a table stored in key order this reads the
 * pages once, in order; {@link ChecksumDiff} uses it only there (ANALYZE's correlation).
 *
 * <p>Boundaries are only a way to split the work: each side's rows fall in exactly one segment (the
 * boundaries are sorted in the key's own order on both sides: same type, same collation), so a
 * sample that cuts badly costs time, never correctness.
 */
final class KeyRanges {
    /** ANALYZE's key correlation from which a table counts as stored in key order. */
    static final double MIN_CORRELATION = 0.9;

    /** Key types whose text form reads back as the same value on any connection. */
    private static final Set<String> KEY_TYPES =
            Set.of("text", "varchar", "int2", "int4", "int8", "numeric", "uuid");

    /** Most line pointers an 8 kB heap page can hold. */
    private static final int MAX_LINES_PER_PAGE = 291;

    /**
     * Above this many runs of neighbouring differing segments the differences are too many for
     * reading them by range to pay (and the statement would bind too many parameters).
     */
    static final int MAX_RUNS = 2_000;

    private static final String LAYOUT = Sql.resource("key_range_layout.sql");

    /**
     * How a range's row hashes combine: XOR, cheaper than an exact sum (~3 % of the query), and
     * safe here because the key is unique on each side and part of the row hash, so no two rows of
     * a side are the same row and none cancels another.
     */
    private static final String HASH_AGGREGATE = "bit_xor";

    private final String type;
    private final String collate;
    private final String[] bounds;

    KeyRanges(String type, String collate, String[] bounds) {
        this.type = type;
        this.collate = collate;
        this.bounds = bounds;
    }

    /** How one side stores its key column ({@code sql/key_range_layout.sql}). */
    record Layout(
            String collationSchema,
            String collation,
            boolean indexed,
            Double correlation,
            long pages) {
        boolean inKeyOrder() {
            return correlation != null && Math.abs(correlation) >= MIN_CORRELATION;
        }
    }

    /**
     * Key ranges cut into about {@code segments} pieces when both sides qualify (with {@code
     * inKeyOrder}, only if both tables are stored in key order); empty otherwise.
     */
    static Optional<KeyRanges> plan(DiffSpec spec, int segments, boolean inKeyOrder) {
        if (spec.keys().size() != 1 || !spec.leftKeyUnique() || !spec.rightKeyUnique()) {
            return Optional.empty();
        }
        ColumnPair key = spec.keys().get(0);
        String type = key.left().pgType();
        if (!type.equals(key.right().pgType()) || !KEY_TYPES.contains(type)) {
            return Optional.empty();
        }
        Optional<Layout> left = layout(spec, Side.LEFT);
        Optional<Layout> right = layout(spec, Side.RIGHT);
        if (left.isEmpty() || right.isEmpty()) {
            return Optional.empty();
        }
        Layout l = left.get();
        Layout r = right.get();
        if (!l.indexed()
                || !r.indexed()
                || !Objects.equals(l.collationSchema(), r.collationSchema())
                || !Objects.equals(l.collation(), r.collation())
                || (inKeyOrder && !(l.inKeyOrder() && r.inKeyOrder()))) {
            return Optional.empty();
        }
        String collate =
                l.collation() == null
                        ? ""
                        : " COLLATE "
                                + Sql.quote(l.collationSchema())
                                + "."
                                + Sql.quote(l.collation());
        return Optional.of(new KeyRanges(type, collate, sample(spec, l.pages(), segments)));
    }

    /** Number of segments: one more than the boundaries. */
    int size() {
        return bounds.length + 1;
    }

    private static Optional<Layout> layout(DiffSpec spec, Side side) {
        TableSide tableSide = spec.side(side);
        try (Connection connection = tableSide.connection().open();
                PreparedStatement statement = connection.prepareStatement(LAYOUT)) {
            statement.setString(1, tableSide.table().schema());
            statement.setString(2, tableSide.table().table());
            statement.setString(3, spec.keys().get(0).side(side).name());
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                double correlation = rows.getDouble(4);
                Double known = rows.wasNull() ? null : correlation;
                return Optional.of(
                        new Layout(
                                rows.getString(1),
                                rows.getString(2),
                                rows.getBoolean(3),
                                known,
                                rows.getLong(5)));
            }
        } catch (SQLException e) {
            throw Binder.translate(e, "reading the key layout of " + tableSide.table());
        }
    }

    /**
     * About {@code segments - 1} boundaries from the keys of a few line pointers of evenly spaced
     * pages of the left table, read by TID (no scan): spread over the whole key range whether the
     * table is stored in key order or not.
     */
    private static String[] sample(DiffSpec spec, long pages, int segments) {
        if (pages == 0 || segments < 2) {
            return new String[0];
        }
        long wanted = segments;
        long sampledPages = Math.min(pages, wanted);
        int lines =
                (int)
                        Math.min(
                                MAX_LINES_PER_PAGE,
                                Math.max(2, (wanted + sampledPages - 1) / sampledPages));
        String[] tids = new String[(int) (sampledPages * lines)];
        for (long p = 0; p < sampledPages; p++) {
            long page = p * pages / sampledPages;
            for (int line = 1; line <= lines; line++) {
                tids[(int) (p * lines + line - 1)] = "(" + page + "," + line + ")";
            }
        }
        SideSql sql = new SideSql(spec, Side.LEFT);
        String key = sql.key().quoted();
        String query =
                "SELECT cutover_sample.cutover_key::text AS bound FROM (SELECT DISTINCT "
                        + key
                        + " AS cutover_key FROM "
                        + sql.table()
                        + " WHERE ctid = ANY (CAST(? AS text[])::tid[]) AND "
                        + key
                        + " IS NOT NULL) cutover_sample ORDER BY cutover_sample.cutover_key";
        List<String> keys = new ArrayList<>();
        try (Connection connection = spec.left().connection().open()) {
            connection.setReadOnly(true);
            try (PreparedStatement statement = connection.prepareStatement(query)) {
                Binder.bind(connection, statement, List.of((Object) tids));
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        keys.add(rows.getString(1));
                    }
                }
            }
        } catch (SQLException e) {
            throw Binder.translate(e, "sampling the keys of left table " + spec.left().table());
        }
        return boundaries(keys, segments);
    }

    /** {@code segments - 1} evenly spaced keys of {@code sorted} (all of them if fewer). */
    static String[] boundaries(List<String> sorted, int segments) {
        if (sorted.size() < segments) {
            return sorted.toArray(String[]::new);
        }
        String[] bounds = new String[segments - 1];
        for (int i = 1; i < segments; i++) {
            bounds[i - 1] = sorted.get((int) ((long) i * sorted.size() / segments));
        }
        return bounds;
    }

    /** A query and its parameters. */
    record Query(String sql, List<Object> parameters) {}

    /**
     * Part {@code part} of {@code parts} of one side's sums ({@code segment, count, sum} rows): the
     * ranges are split into {@code parts} runs of neighbouring ones, so that several connections
     * can share the work; part 0 also sums the rows with a NULL key (as segment -1). The parameters
     * are the same on both sides.
     */
    Query sums(SideSql sql, int part, int parts) {
        String key = sql.key().quoted();
        String sums = "count(*), " + HASH_AGGREGATE + "(" + sql.rowHash() + ") FROM " + sql.table();
        List<String> selects = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        if (part == 0) {
            selects.add(
                    "SELECT -1, count(*), NULL::numeric FROM "
                            + sql.table()
                            + sql.where(key + " IS NULL"));
        }
        if (bounds.length == 0) {
            if (part == 0) {
                selects.add("SELECT 0, " + sums + sql.where(key + " IS NOT NULL"));
            }
            return new Query(String.join(" UNION ALL ", selects), parameters);
        }
        if (part == 0) {
            selects.add("SELECT 0, " + sums + sql.where(key + " < " + bound("?")));
            parameters.add(bounds[0]);
        }
        // segments [from, to) of those between two boundaries, 1 … bounds.length - 1
        int middle = bounds.length - 1;
        int from = 1 + (int) ((long) middle * part / parts);
        int to = 1 + (int) ((long) middle * (part + 1) / parts);
        if (from < to) {
            selects.add(
                    "SELECT cutover_bounds.i + ?, cutover_sums.n, cutover_sums.h"
                            + " FROM unnest(CAST(? AS text[]), CAST(? AS text[]))"
                            + " WITH ORDINALITY AS cutover_bounds(lo, hi, i)"
                            + " CROSS JOIN LATERAL (SELECT count(*) AS n, "
                            + HASH_AGGREGATE
                            + "("
                            + sql.rowHash()
                            + ") AS h FROM "
                            + sql.table()
                            + sql.where(
                                    key + " >= " + bound("cutover_bounds.lo"),
                                    key + " < " + bound("cutover_bounds.hi"))
                            + ") cutover_sums");
            parameters.add((long) from - 1);
            parameters.add(Arrays.copyOfRange(bounds, from - 1, to - 1));
            parameters.add(Arrays.copyOfRange(bounds, from, to));
        }
        if (part == parts - 1) {
            selects.add(
                    "SELECT " + bounds.length + ", " + sums + sql.where(key + " >= " + bound("?")));
            parameters.add(bounds[bounds.length - 1]);
        }
        return new Query(String.join(" UNION ALL ", selects), parameters);
    }

    /**
     * The rows of the segments {@code ids} (sorted), neighbouring ones read as one range; empty
     * when they make more than {@link #MAX_RUNS} ranges.
     */
    Optional<RowSelection> selection(long[] ids) {
        List<long[]> runs = new ArrayList<>();
        for (long id : ids) {
            long[] last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
            if (last != null && last[1] == id - 1) {
                last[1] = id;
            } else {
                runs.add(new long[] {id, id});
            }
        }
        if (runs.size() > MAX_RUNS) {
            return Optional.empty();
        }
        return Optional.of(new Ranges(runs));
    }

    /** A boundary value (text) as a key of the key's type and collation. */
    private String bound(String text) {
        return "CAST(" + text + " AS " + Sql.quote(type) + ")" + collate;
    }

    /** Runs {@code [first, last]} of neighbouring segments, as key ranges. */
    private final class Ranges implements RowSelection {
        private final List<long[]> runs;

        Ranges(List<long[]> runs) {
            this.runs = runs;
        }

        @Override
        public String condition(SideSql sql) {
            String key = sql.key().quoted();
            List<String> ranges = new ArrayList<>();
            for (long[] run : runs) {
                List<String> limits = new ArrayList<>();
                if (run[0] > 0) {
                    limits.add(key + " >= " + bound("?"));
                }
                if (run[1] < bounds.length) {
                    limits.add(key + " < " + bound("?"));
                }
                ranges.add(
                        limits.isEmpty()
                                ? key + " IS NOT NULL"
                                : "(" + String.join(" AND ", limits) + ")");
            }
            return String.join(" OR ", ranges);
        }

        @Override
        public List<Object> parameters() {
            List<Object> parameters = new ArrayList<>();
            for (long[] run : runs) {
                if (run[0] > 0) {
                    parameters.add(bounds[(int) run[0] - 1]);
                }
                if (run[1] < bounds.length) {
                    parameters.add(bounds[(int) run[1]]);
                }
            }
            return parameters;
        }
    }

    /** For messages: the key's type and the number of segments. */
    @Override
    public String toString() {
        return size() + " key ranges of " + type;
    }
}

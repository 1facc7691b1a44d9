package dev.cutover.recon.diff;

import dev.cutover.recon.ReconException;
import dev.cutover.recon.compare.Values;
import dev.cutover.recon.db.Column;
import dev.cutover.recon.db.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.postgresql.PGStatement;

/**
 * The exact diff of two tables of one database, joined inside it: a {@code FULL JOIN} on the key
 * returns only the rows whose key is on one side alone or whose compared values differ as they
 * enter the checksum's hashes ({@link SideSql#joinSource}: equal by meaning, tolerances as their
 * buckets), in key order; each of those is then judged here as {@link FullDiff} judges it, with the
 * real tolerances. Every other row of the left side matched one row of the right. The rows' counts
 * come from a count per side, run beside the join.
 *
 * <p>Nothing crosses the network but the differing rows, and nothing is hashed: the database reads
 * both tables once (by their key indexes when its planner merges them). It needs both tables in one
 * database (one connection) and a unique index on each side's key, so each row meets at most one
 * row of the other side; for anything else, {@link ChecksumDiff} and {@link FullDiff}.
 *
 * <p>How the database joins depends on how the tables are stored ({@link
 * TableStats#storedInKeyOrder}). Stored in key order, both are merged through their key indexes,
 * which reads their pages in sequence; on several threads, when the key can be cut into {@link
 * KeyRanges} (one column of one type, indexed on both sides), the keys are cut into ranges joined
 * at once, each on its own connection, and the parts' counts and samples are added up as {@link
 * FullDiff}'s parts are, so the result is the one join's. Stored in any other order, an index would
 * visit their pages at random, so one join runs with the planner's own plan (a hash or sort-merge
 * join reading each table once) and more memory.
 */
public final class JoinDiff {
    /** Settings of a merge of both tables in key order through their indexes. */
    private static final String MERGE_SETTINGS = Sql.resource("join_session.sql");

    /** Settings of a join of tables not stored in key order: the planner's plan, more memory. */
    private static final String HASH_SETTINGS = Sql.resource("join_hash_session.sql");

    /** Key ranges per thread: ranges of uneven cost then even out. */
    private static final int RANGES_PER_THREAD = 4;

    private JoinDiff() {}

    /** Why {@code spec} cannot be joined in its database, or null when it can. */
    static String unsupported(DiffSpec spec) {
        if (!spec.side(Side.LEFT).connection().sameAs(spec.side(Side.RIGHT).connection())) {
            return "the two tables are in different databases";
        }
        if (!spec.leftKeyUnique() || !spec.rightKeyUnique()) {
            return "the key is not covered by a unique index on both sides";
        }
        return null;
    }

    public static DiffResult run(DiffSpec spec) {
        return run(spec, FullDiff.defaultThreads());
    }

    /** Joins on up to {@code threads} connections at once (1: one join of all keys). */
    public static DiffResult run(DiffSpec spec, int threads) {
        String unsupported = unsupported(spec);
        if (unsupported != null) {
            throw ReconException.badInput(
                    "--mode join: " + unsupported + " (" + spec.name() + "); use full or checksum");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be ≥ 1, not " + threads);
        }
        boolean merged = TableStats.storedInKeyOrder(spec);
        String settings = merged ? MERGE_SETTINGS : HASH_SETTINGS;
        List<RowSelection> parts = new ArrayList<>();
        Optional<KeyRanges> ranges =
                threads > 1 && merged
                        ? KeyRanges.plan(spec, threads * RANGES_PER_THREAD, false)
                        : Optional.empty();
        if (ranges.isPresent()) {
            for (long range = 0; range < ranges.get().size(); range++) {
                parts.add(ranges.get().selection(new long[] {range}).orElseThrow());
            }
        } else {
            parts.add(null);
        }
        ExecutorService pool =
                Executors.newFixedThreadPool(threads, DiffWorkers.daemon("recon-join"));
        try {
            Future<long[]> leftCounts = pool.submit(() -> counts(spec, Side.LEFT));
            Future<long[]> rightCounts = pool.submit(() -> counts(spec, Side.RIGHT));
            List<Future<Part>> joins = new ArrayList<>();
            for (RowSelection rows : parts) {
                joins.add(pool.submit(() -> join(spec, rows, settings)));
            }
            DiffAccumulator accumulator = new DiffAccumulator(spec);
            long leftDiffering = 0;
            for (Future<Part> join : joins) {
                Part part = DiffWorkers.await(join, "the join diff");
                accumulator.absorb(part.accumulator());
                leftDiffering += part.leftRows();
            }
            long[] left = DiffWorkers.await(leftCounts, "the join diff");
            long[] right = DiffWorkers.await(rightCounts, "the join diff");
            accumulator.rows(Side.LEFT, left[0]);
            accumulator.nullKey(Side.LEFT, left[1]);
            accumulator.rows(Side.RIGHT, right[0]);
            accumulator.nullKey(Side.RIGHT, right[1]);
            accumulator.matched(left[0] - left[1] - leftDiffering);
            return accumulator.result("join");
        } finally {
            pool.shutdownNow();
        }
    }

    /** What one join found, and how many of its differing rows have a left row. */
    private record Part(DiffAccumulator accumulator, long leftRows) {}

    /**
     * The join of the rows of {@code rows} (all when null) under the session {@code settings}, each
     * differing row judged.
     */
    private static Part join(DiffSpec spec, RowSelection rows, String settings) {
        String query = query(spec, rows);
        List<Object> parameters = new ArrayList<>();
        if (rows != null) {
            parameters.addAll(rows.parameters());
            parameters.addAll(rows.parameters());
        }
        DiffAccumulator accumulator = new DiffAccumulator(spec);
        int width = spec.keys().size() + spec.valueColumns().size();
        long leftRows = 0;
        try (Connection connection = DiffWorkers.readOnly(spec, Side.LEFT)) {
            SharedSnapshot.begin(connection, spec.left());
            try (PreparedStatement session = connection.prepareStatement(settings)) {
                session.execute();
            }
            try (PreparedStatement statement =
                    connection.prepareStatement(
                            query, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                statement.setFetchSize(SideReader.FETCH_SIZE);
                statement.unwrap(PGStatement.class).setPrepareThreshold(-1);
                Binder.bind(connection, statement, parameters);
                try (ResultSet differing = statement.executeQuery()) {
                    while (differing.next()) {
                        Row left =
                                differing.getBoolean(2 * width + 1)
                                        ? null
                                        : row(spec, differing, Side.LEFT, 1);
                        Row right =
                                differing.getBoolean(2 * width + 2)
                                        ? null
                                        : row(spec, differing, Side.RIGHT, width + 1);
                        if (left == null) {
                            accumulator.onlyIn(Side.RIGHT, right);
                            continue;
                        }
                        leftRows++;
                        if (right == null) {
                            accumulator.onlyIn(Side.LEFT, left);
                        } else {
                            FullDiff.compare(spec, accumulator, left, right);
                        }
                    }
                }
            }
            connection.commit();
        } catch (SQLException e) {
            throw Binder.translate(e, "joining " + spec.name() + " in its database");
        }
        return new Part(accumulator, leftRows);
    }

    /**
     * {@code SELECT l.r…, r.r…, l is absent, r is absent FROM left l FULL JOIN right r ON keys
     * WHERE a side is absent OR the compared values are distinct ORDER BY key}, both sides limited
     * to {@code rows} when given.
     */
    static String query(DiffSpec spec, RowSelection rows) {
        int width = spec.keys().size() + spec.valueColumns().size();
        List<String> select = new ArrayList<>();
        for (String alias : List.of("l", "r")) {
            for (int i = 0; i < width; i++) {
                select.add(alias + ".r" + i);
            }
        }
        select.add("l.jk0 IS NULL");
        select.add("r.jk0 IS NULL");
        List<String> on = new ArrayList<>();
        List<String> order = new ArrayList<>();
        for (int i = 0; i < spec.keys().size(); i++) {
            on.add("l.jk" + i + " = r.jk" + i);
            order.add("coalesce(l.o" + i + ", r.o" + i + ")");
        }
        String differs = "l.jk0 IS NULL OR r.jk0 IS NULL";
        if (!spec.compared().isEmpty()) {
            List<String> lefts = new ArrayList<>();
            List<String> rights = new ArrayList<>();
            for (int i = 0; i < spec.compared().size(); i++) {
                lefts.add("l.jv" + i);
                rights.add("r.jv" + i);
            }
            differs +=
                    " OR ROW("
                            + String.join(", ", lefts)
                            + ") IS DISTINCT FROM ROW("
                            + String.join(", ", rights)
                            + ")";
        }
        return "SELECT "
                + String.join(", ", select)
                + " FROM ("
                + new SideSql(spec, Side.LEFT).joinSource(rows)
                + ") l FULL JOIN ("
                + new SideSql(spec, Side.RIGHT).joinSource(rows)
                + ") r ON "
                + String.join(" AND ", on)
                + " WHERE "
                + differs
                + " ORDER BY "
                + String.join(", ", order);
    }

    /** The row of {@code side} from column {@code first} on, as {@link SideReader} reads it. */
    private static Row row(DiffSpec spec, ResultSet rows, Side side, int first)
            throws SQLException {
        List<Column> keys = spec.keys().stream().map(k -> k.side(side)).toList();
        List<Column> values = spec.valueColumns().stream().map(c -> c.side(side)).toList();
        Object[] key = new Object[keys.size()];
        for (int i = 0; i < key.length; i++) {
            key[i] = Values.read(rows, first + i, keys.get(i));
        }
        Object[] row = new Object[values.size()];
        for (int i = 0; i < row.length; i++) {
            row[i] = Values.read(rows, first + key.length + i, values.get(i));
        }
        return new Row(key, row);
    }

    /** Rows of {@code side} and those with a NULL key part (which the join leaves out). */
    private static long[] counts(DiffSpec spec, Side side) {
        SideSql sql = new SideSql(spec, side);
        String query =
                "SELECT count(*), count(*) FILTER (WHERE "
                        + sql.keysNull()
                        + ") FROM "
                        + sql.table()
                        + sql.where();
        try (Connection connection = DiffWorkers.readOnly(spec, side)) {
            SharedSnapshot.begin(connection, spec.side(side));
            try (PreparedStatement statement = connection.prepareStatement(query);
                    ResultSet rows = statement.executeQuery()) {
                rows.next();
                long[] counts = {rows.getLong(1), rows.getLong(2)};
                connection.commit();
                return counts;
            }
        } catch (SQLException e) {
            throw Binder.translate(
                    e, "counting " + side.label() + " table " + spec.side(side).table());
        }
    }
}

package dev.cutover.recon.bench;

import dev.cutover.recon.Reconciler;
import dev.cutover.recon.db.ConnectionSpec;
import dev.cutover.recon.db.Sql;
import dev.cutover.recon.db.TableRef;
import dev.cutover.recon.diff.ChecksumDiff;
import dev.cutover.recon.diff.DiffRequest;
import dev.cutover.recon.diff.DiffResult;
import dev.cutover.recon.diff.DiffSpec;
import dev.cutover.recon.diff.FullDiff;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code cutover bench recon}: two N-row tables with D planted differences (a third changed, a
 * third deleted, a third added on the right), diffed in one run by {@link FullDiff}, {@link
 * ChecksumDiff} and PostgreSQL's own {@code EXCEPT ALL} both ways. Every method must find D.
 */
public final class ReconBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(ReconBenchmark.class);

    private ReconBenchmark() {}

    /**
     * Figures of one run; seconds are wall-clock. {@code fullS} is the median of the full diffs on
     * {@code threads} threads, {@code fullOneThreadS} of those on one thread (each run {@code
     * repeats} times, alternating; every time in {@code fullRunsS} / {@code fullOneThreadRunsS}).
     */
    public record Result(
            long rows,
            long diffs,
            double loadS,
            int threads,
            double fullS,
            double fullOneThreadS,
            List<Double> fullRunsS,
            List<Double> fullOneThreadRunsS,
            double checksumS,
            double exceptAllS,
            long fullDifferences,
            long checksumDifferences,
            long exceptAllRows) {
        public double fullOverExceptAll() {
            return round(fullS / exceptAllS);
        }
    }

    public static Result run(ConnectionSpec db, String schema, long rows, long diffs) {
        return run(db, schema, rows, diffs, FullDiff.defaultThreads(), 1);
    }

    /** With the full diff timed {@code repeats} times on 1 and on {@code threads} threads. */
    public static Result run(
            ConnectionSpec db, String schema, long rows, long diffs, int threads, int repeats) {
        if (threads < 1 || repeats < 1) {
            throw new IllegalArgumentException("threads and repeats must be ≥ 1");
        }
        TableRef left = new TableRef(schema, "bench_left");
        TableRef right = new TableRef(schema, "bench_right");
        long changed = diffs / 3;
        long deleted = diffs / 3;
        long added = diffs - changed - deleted;
        long start = System.nanoTime();
        try (Connection connection = db.open();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA IF NOT EXISTS " + Sql.quote(schema));
            statement.execute("DROP TABLE IF EXISTS " + left.sql() + ", " + right.sql());
            try (PreparedStatement load =
                    connection.prepareStatement(
                            Sql.resource("bench_tables.sql").replace("${left}", left.sql()))) {
                load.setLong(1, rows);
                load.execute();
            }
            statement.execute(
                    Sql.resource("bench_copy.sql")
                            .replace("${left}", left.sql())
                            .replace("${right}", right.sql()));
            long stride = Math.max(1, rows / Math.max(1, diffs));
            try (PreparedStatement update =
                            connection.prepareStatement(
                                    "UPDATE "
                                            + right.sql()
                                            + " SET amount = amount + 1 WHERE id = ?");
                    PreparedStatement delete =
                            connection.prepareStatement(
                                    "DELETE FROM " + right.sql() + " WHERE id = ?");
                    PreparedStatement insert =
                            connection.prepareStatement(
                                    "INSERT INTO "
                                            + right.sql()
                                            + " VALUES (?, 'acct-x', 1.00, now(), 'APPROVED')")) {
                for (long i = 0; i < changed + deleted; i++) {
                    PreparedStatement target = i < changed ? update : delete;
                    target.setString(1, String.format("txn-%010d", 1 + i * stride));
                    target.executeUpdate();
                }
                for (long i = 0; i < added; i++) {
                    insert.setString(1, String.format("zzz-added-%06d", i));
                    insert.executeUpdate();
                }
            }
            statement.execute("VACUUM ANALYZE " + left.sql());
            statement.execute("VACUUM ANALYZE " + right.sql());
        } catch (SQLException e) {
            throw ConnectionSpec.translate(e, "building the benchmark tables");
        }
        double load = seconds(start);
        LOG.info("built two {}-row tables in {} s", rows, load);
        DiffSpec spec = Reconciler.plan(DiffRequest.of(db, left, right, List.of("id")));

        List<Double> fullRuns = new ArrayList<>();
        List<Double> oneThreadRuns = new ArrayList<>();
        DiffResult full = null;
        for (int i = 0; i < repeats; i++) {
            start = System.nanoTime();
            DiffResult one = FullDiff.run(spec, 1);
            oneThreadRuns.add(seconds(start));
            LOG.info(
                    "full, 1 thread: {} s, {} differences", last(oneThreadRuns), one.differences());
            start = System.nanoTime();
            full = FullDiff.run(spec, threads);
            fullRuns.add(seconds(start));
            LOG.info(
                    "full, {} threads: {} s, {} differences",
                    threads,
                    last(fullRuns),
                    full.differences());
            if (!one.countsOnly().equals(full.countsOnly())) {
                throw new IllegalStateException("the full diff on 1 and on several threads differ");
            }
        }

        start = System.nanoTime();
        DiffResult checksum = ChecksumDiff.run(spec);
        double checksumS = seconds(start);
        LOG.info("checksum: {} s, {} differences", checksumS, checksum.differences());

        start = System.nanoTime();
        long except = exceptAll(db, left, right) + exceptAll(db, right, left);
        double exceptS = seconds(start);
        LOG.info("EXCEPT ALL both ways: {} s, {} rows", exceptS, except);
        return new Result(
                rows,
                diffs,
                load,
                threads,
                median(fullRuns),
                median(oneThreadRuns),
                fullRuns,
                oneThreadRuns,
                checksumS,
                exceptS,
                full.differences(),
                checksum.differences(),
                except);
    }

    private static long exceptAll(ConnectionSpec db, TableRef a, TableRef b) {
        try (Connection connection = db.open();
                Statement statement = connection.createStatement();
                ResultSet rows =
                        statement.executeQuery(
                                "SELECT count(*) FROM (SELECT * FROM "
                                        + a.sql()
                                        + " EXCEPT ALL SELECT * FROM "
                                        + b.sql()
                                        + ") d")) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw ConnectionSpec.translate(e, "EXCEPT ALL of " + a + " and " + b);
        }
    }

    private static double last(List<Double> values) {
        return values.get(values.size() - 1);
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1
                ? sorted.get(n / 2)
                : round((sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2);
    }

    private static double seconds(long start) {
        return round((System.nanoTime() - start) / 1e9);
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}

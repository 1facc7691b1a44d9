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

    /** Figures of one run; seconds are wall-clock. */
    public record Result(
            long rows,
            long diffs,
            double loadS,
            double fullS,
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

        start = System.nanoTime();
        DiffResult full = FullDiff.run(spec);
        double fullS = seconds(start);
        LOG.info("full: {} s, {} differences", fullS, full.differences());

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
                fullS,
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

    private static double seconds(long start) {
        return round((System.nanoTime() - start) / 1e9);
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}

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
import dev.cutover.recon.diff.JoinDiff;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
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

    /** The methods a run can time. */
    public enum Method {
        FULL,
        CHECKSUM,
        JOIN,
        EXCEPT_ALL
    }

    /**
     * What to run.
     *
     * @param threads threads of the multi-threaded full diff (the full diff also runs on one)
     * @param repeats times each diff runs (medians reported)
     * @param reuse keep tables an earlier run built with the same rows and diffs (they carry a
     *     comment saying so) instead of building them again
     */
    public record Options(
            String schema,
            long rows,
            long diffs,
            int threads,
            int repeats,
            boolean reuse,
            Set<Method> methods) {
        public Options {
            if (threads < 1 || repeats < 1 || rows < 1 || diffs < 0 || diffs > rows) {
                throw new IllegalArgumentException(
                        "threads, repeats and rows must be ≥ 1, diffs in [0, rows]");
            }
            methods = methods.isEmpty() ? EnumSet.noneOf(Method.class) : EnumSet.copyOf(methods);
        }

        public static Options of(String schema, long rows, long diffs) {
            return new Options(
                    schema,
                    rows,
                    diffs,
                    FullDiff.defaultThreads(),
                    1,
                    false,
                    EnumSet.allOf(Method.class));
        }
    }

    /**
     * Figures of one run; seconds are wall-clock, null for a method not run. {@code fullS} is the
     * median of the full diffs on {@code threads} threads, {@code fullOneThreadS} of those on one
     * thread (each run {@code repeats} times, alternating), {@code checksumS} of the checksum
     * diffs; every time in the {@code …RunsS} lists. {@code loadS} is 0 when reused tables were
     * found.
     */
    public record Result(
            long rows,
            long diffs,
            double loadS,
            int threads,
            Double fullS,
            Double fullOneThreadS,
            List<Double> fullRunsS,
            List<Double> fullOneThreadRunsS,
            Double checksumS,
            List<Double> checksumRunsS,
            Double joinS,
            List<Double> joinRunsS,
            Double exceptAllS,
            Long fullDifferences,
            Long checksumDifferences,
            Long joinDifferences,
            Long exceptAllRows,
            List<CpuSeconds> fullCpu,
            List<CpuSeconds> checksumCpu,
            List<CpuSeconds> joinCpu,
            CpuSeconds exceptAllCpu) {
        public Double fullOverExceptAll() {
            return fullS == null || exceptAllS == null ? null : round(fullS / exceptAllS);
        }

        public Double checksumOverExceptAll() {
            return checksumS == null || exceptAllS == null ? null : round(checksumS / exceptAllS);
        }

        public Double joinOverExceptAll() {
            return joinS == null || exceptAllS == null ? null : round(joinS / exceptAllS);
        }
    }

    public static Result run(ConnectionSpec db, String schema, long rows, long diffs) {
        return run(db, Options.of(schema, rows, diffs));
    }

    public static Result run(ConnectionSpec db, Options options) {
        String schema = options.schema();
        long rows = options.rows();
        long diffs = options.diffs();
        TableRef left = new TableRef(schema, "bench_left");
        TableRef right = new TableRef(schema, "bench_right");
        String marker = "cutover bench recon: rows=" + rows + " diffs=" + diffs;
        long start = System.nanoTime();
        double load = 0;
        if (options.reuse() && marker.equals(comment(db, right))) {
            LOG.info("reusing the two {}-row tables of an earlier run", rows);
        } else {
            build(db, schema, left, right, rows, diffs, marker);
            load = seconds(start);
            LOG.info("built two {}-row tables in {} s", rows, load);
        }
        DiffSpec spec = Reconciler.plan(DiffRequest.of(db, left, right, List.of("id")));
        int threads = options.threads();
        int repeats = options.repeats();
        Set<Method> methods = options.methods();

        List<Double> fullRuns = new ArrayList<>();
        List<CpuSeconds> fullCpu = new ArrayList<>();
        List<Double> oneThreadRuns = new ArrayList<>();
        DiffResult full = null;
        for (int i = 0; methods.contains(Method.FULL) && i < repeats; i++) {
            start = System.nanoTime();
            DiffResult one = FullDiff.run(spec, 1);
            oneThreadRuns.add(seconds(start));
            LOG.info(
                    "full, 1 thread: {} s, {} differences", last(oneThreadRuns), one.differences());
            BackendCpu cpu = cpu(db, left, right);
            start = System.nanoTime();
            full = FullDiff.run(spec, threads);
            fullRuns.add(seconds(start));
            fullCpu.add(stop(cpu));
            LOG.info(
                    "full, {} threads: {} s, {} differences",
                    threads,
                    last(fullRuns),
                    full.differences());
            if (!one.countsOnly().equals(full.countsOnly())) {
                throw new IllegalStateException("the full diff on 1 and on several threads differ");
            }
        }

        Series checksum =
                methods.contains(Method.CHECKSUM)
                        ? series(
                                "checksum",
                                () -> ChecksumDiff.run(spec),
                                repeats,
                                db,
                                left,
                                right,
                                full)
                        : Series.NONE;
        Series join =
                methods.contains(Method.JOIN)
                        ? series(
                                "join",
                                () -> JoinDiff.run(spec),
                                repeats,
                                db,
                                left,
                                right,
                                full != null ? full : checksum.last())
                        : Series.NONE;

        Double exceptS = null;
        Long except = null;
        CpuSeconds exceptCpu = null;
        if (methods.contains(Method.EXCEPT_ALL)) {
            BackendCpu cpu = cpu(db, left, right);
            start = System.nanoTime();
            except = exceptAll(db, left, right) + exceptAll(db, right, left);
            exceptS = seconds(start);
            exceptCpu = stop(cpu);
            LOG.info("EXCEPT ALL both ways: {} s, {} rows", exceptS, except);
        }
        return new Result(
                rows,
                diffs,
                load,
                threads,
                median(fullRuns),
                median(oneThreadRuns),
                fullRuns,
                oneThreadRuns,
                median(checksum.runs()),
                checksum.runs(),
                median(join.runs()),
                join.runs(),
                exceptS,
                full == null ? null : full.differences(),
                checksum.differences(),
                join.differences(),
                except,
                fullCpu,
                checksum.cpu(),
                join.cpu(),
                exceptCpu);
    }

    /** A diff's runs: wall-clock seconds, the backends' CPU, the last result (null: not run). */
    private record Series(List<Double> runs, List<CpuSeconds> cpu, DiffResult last) {
        static final Series NONE = new Series(List.of(), List.of(), null);

        Long differences() {
            return last == null ? null : last.differences();
        }
    }

    /**
     * {@code diff} timed {@code repeats} times with its backends' CPU; each result must count what
     * {@code reference} counted, when there is one.
     */
    private static Series series(
            String name,
            Supplier<DiffResult> diff,
            int repeats,
            ConnectionSpec db,
            TableRef left,
            TableRef right,
            DiffResult reference) {
        List<Double> runs = new ArrayList<>();
        List<CpuSeconds> cpus = new ArrayList<>();
        DiffResult result = null;
        for (int i = 0; i < repeats; i++) {
            BackendCpu cpu = cpu(db, left, right);
            long start = System.nanoTime();
            result = diff.get();
            runs.add(seconds(start));
            cpus.add(stop(cpu));
            LOG.info(
                    "{}: {} s, {} differences, CPU s {}",
                    name,
                    last(runs),
                    result.differences(),
                    cpus.get(cpus.size() - 1));
            if (reference != null && !reference.countsOnly().equals(result.countsOnly())) {
                throw new IllegalStateException(
                        "the " + name + " and the " + reference.mode() + " diff differ");
            }
        }
        return new Series(runs, cpus, result);
    }

    private static BackendCpu cpu(ConnectionSpec db, TableRef left, TableRef right) {
        try {
            return new BackendCpu(db, left.table(), right.table());
        } catch (SQLException e) {
            throw ConnectionSpec.translate(e, "watching the backends' CPU");
        }
    }

    private static CpuSeconds stop(BackendCpu cpu) {
        try (cpu) {
            return cpu.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (SQLException e) {
            throw ConnectionSpec.translate(e, "watching the backends' CPU");
        }
    }

    /** The comment on a table, or null when it has none or does not exist. */
    private static String comment(ConnectionSpec db, TableRef table) {
        try (Connection connection = db.open();
                PreparedStatement statement =
                        connection.prepareStatement(
                                "SELECT obj_description(to_regclass(?), 'pg_class')")) {
            statement.setString(1, table.sql());
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        } catch (SQLException e) {
            throw ConnectionSpec.translate(e, "reading the comment of " + table);
        }
    }

    private static void build(
            ConnectionSpec db,
            String schema,
            TableRef left,
            TableRef right,
            long rows,
            long diffs,
            String marker) {
        long changed = diffs / 3;
        long deleted = diffs / 3;
        long added = diffs - changed - deleted;
        try (Connection connection = db.open();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA IF NOT EXISTS " + Sql.quote(schema));
            statement.execute("DROP TABLE IF EXISTS " + left.sql() + ", " + right.sql());
            try (PreparedStatement load =
                    connection.prepareStatement(
                            Sql.template("bench_tables.sql").with("LEFT", left.sql()).sql())) {
                load.setLong(1, rows);
                load.execute();
            }
            statement.execute(
                    Sql.template("bench_copy.sql")
                            .with("LEFT", left.sql())
                            .with("RIGHT", right.sql())
                            .sql());
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
            statement.execute(
                    "COMMENT ON TABLE " + right.sql() + " IS '" + marker.replace("'", "''") + "'");
        } catch (SQLException e) {
            throw ConnectionSpec.translate(e, "building the benchmark tables");
        }
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

    /** The median, or null for no values. */
    static Double median(List<Double> values) {
        if (values.isEmpty()) {
            return null;
        }
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

package dev.cutover.recon.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.cutover.recon.ReconException;
import dev.cutover.recon.db.ConnectionSpec;
import dev.cutover.recon.db.Sql;
import dev.cutover.recon.diff.HourCounts;
import dev.cutover.recon.report.Json;
import dev.cutover.recon.report.ReconciliationReport;
import dev.cutover.recon.report.SummaryJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The run history in {@code cutover.reconciliation_runs} (DDL: {@code db/recon}, applied with its
 * own Flyway history table), and the burn-in it gives: the number of consecutive event hours,
 * counted back from the newest one any run saw, in which no recorded run found an unexplained
 * difference.
 *
 * <ul>
 *   <li>An hour is dirty once any run found an unexplained difference in it; a later clean run does
 *       not make it clean again, so a dirty hour restarts the count (cutover waits for N clean
 *       hours after it).
 *   <li>Unexplained differences that belong to no hour (a dead letter, a row without its hour)
 *       count against the newest hour of their run: a run that found any unexplained difference
 *       restarts the count.
 *   <li>An hour no run saw (no rows in any compared table) ends the count too.
 *   <li>Only parity counts: a run that fails on latency or {@code min_rows} alone leaves its hours
 *       clean.
 * </ul>
 */
public final class RunHistory {
    public static final String SCHEMA = "cutover";

    private final ConnectionSpec db;
    private final String schema;

    /** The history in schema {@value #SCHEMA}. */
    public RunHistory(ConnectionSpec db) {
        this(db, SCHEMA);
    }

    /** The history in {@code schema} (tests give each their own). */
    public RunHistory(ConnectionSpec db, String schema) {
        this.db = db;
        this.schema = schema;
    }

    /** Creates or upgrades the history tables. */
    public RunHistory migrate() {
        try (Connection connection = db.open()) {
            Flyway.configure(RunHistory.class.getClassLoader())
                    .dataSource(new SingleConnectionDataSource(connection))
                    .schemas(schema)
                    .createSchemas(true)
                    .table("reconciliation_schema_history")
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .locations("classpath:db/recon")
                    .loggers("slf4j")
                    .load()
                    .migrate();
            return this;
        } catch (SQLException | FlywayException e) {
            throw ReconException.infrastructure(
                    "cannot create the run history in " + db.redactedUrl() + ": " + firstLine(e),
                    e);
        }
    }

    /**
     * Per hour, the differences of all table pairs together; the unexplained differences that
     * belong to no hour are added to the newest hour's.
     */
    public static Collection<HourCounts> hours(ReconciliationReport report) {
        TreeMap<Instant, HourCounts> hours = new TreeMap<>();
        report.comparisons().stream()
                .flatMap(c -> c.result().hours().stream())
                .forEach(h -> hours.merge(h.hour(), h, RunHistory::sum));
        long withoutHour =
                report.unexplained()
                        - hours.values().stream().mapToLong(HourCounts::unexplained).sum();
        if (withoutHour > 0 && !hours.isEmpty()) {
            HourCounts newest = hours.lastEntry().getValue();
            hours.put(newest.hour(), sum(newest, new HourCounts(newest.hour(), 0, 0, withoutHour)));
        }
        return hours.values();
    }

    private static HourCounts sum(HourCounts a, HourCounts b) {
        return new HourCounts(
                a.hour(),
                a.matched() + b.matched(),
                a.explained() + b.explained(),
                a.unexplained() + b.unexplained());
    }

    /**
     * Consecutive clean hours ending at the newest hour, over the recorded runs and this run's
     * hours ({@link #hours}): an hour any of them found dirty stays dirty.
     */
    public int cleanHours(Collection<HourCounts> current) {
        Map<Instant, Long> unexplained = new TreeMap<>();
        String sql = Sql.template("recent_hours.sql").with("SCHEMA", Sql.quote(schema)).sql();
        try (Connection connection = db.open();
                PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                unexplained.put(
                        rows.getObject(1, OffsetDateTime.class).toInstant(), rows.getLong(2));
            }
        } catch (SQLException e) {
            throw ConnectionSpec.translate(e, "reading the run history");
        }
        current.forEach(h -> unexplained.merge(h.hour(), h.unexplained(), Math::max));
        return streak(unexplained);
    }

    /** Clean hours counted back from the latest one, stopping at a dirty or missing hour. */
    static int streak(Map<Instant, Long> unexplainedByHour) {
        List<Instant> hours = unexplainedByHour.keySet().stream().sorted().toList();
        int clean = 0;
        Instant expected = null;
        for (int i = hours.size() - 1; i >= 0; i--) {
            Instant hour = hours.get(i);
            if (expected != null && !hour.equals(expected)) {
                break;
            }
            if (unexplainedByHour.get(hour) != 0) {
                break;
            }
            clean++;
            expected = hour.minus(Duration.ofHours(1));
        }
        return clean;
    }

    /** Stores a finished run with its per-hour counts. */
    public long record(ReconciliationReport report, Instant startedAt) {
        try (Connection connection = db.open()) {
            connection.setAutoCommit(false);
            long runId;
            try (PreparedStatement insert =
                    connection.prepareStatement(
                            "INSERT INTO "
                                    + Sql.quote(schema)
                                    + ".reconciliation_runs"
                                    + " (started_at, verdict, unexplained, summary)"
                                    + " VALUES (?, ?, ?, ?::jsonb) RETURNING run_id")) {
                insert.setObject(1, OffsetDateTime.ofInstant(startedAt, ZoneOffset.UTC));
                insert.setString(2, report.verdict());
                insert.setLong(3, report.unexplained());
                insert.setString(4, Json.MAPPER.writeValueAsString(SummaryJson.of(report)));
                try (ResultSet rows = insert.executeQuery()) {
                    rows.next();
                    runId = rows.getLong(1);
                }
            }
            try (PreparedStatement insert =
                    connection.prepareStatement(
                            "INSERT INTO "
                                    + Sql.quote(schema)
                                    + ".reconciliation_run_hours"
                                    + " (run_id, hour_start, matched, explained, unexplained)"
                                    + " VALUES (?, ?, ?, ?, ?)")) {
                for (HourCounts hour : hours(report)) {
                    insert.setLong(1, runId);
                    insert.setObject(2, OffsetDateTime.ofInstant(hour.hour(), ZoneOffset.UTC));
                    insert.setLong(3, hour.matched());
                    insert.setLong(4, hour.explained());
                    insert.setLong(5, hour.unexplained());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            connection.commit();
            return runId;
        } catch (SQLException e) {
            throw ConnectionSpec.translate(e, "recording the run in the history");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String firstLine(Exception e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}

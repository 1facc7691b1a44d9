package dev.cutover.recon.parity;

import dev.cutover.contract.SqlResource;
import dev.cutover.recon.db.ConnectionSpec;
import dev.cutover.recon.db.Sql;
import dev.cutover.recon.db.TableRef;
import dev.cutover.recon.report.CdfPoint;
import dev.cutover.recon.report.HourLatency;
import dev.cutover.recon.report.Percentiles;
import dev.cutover.recon.report.PipelineLatency;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A pipeline's latency from its {@code card_transactions}: {@code written_at − event_time} and
 * {@code written_at − kafka_timestamp}, percentiles computed inside PostgreSQL, overall and per
 * event hour, and the CDF for the chart.
 */
public final class LatencyMeter {
    private static final SqlResource SQL = Sql.template("latency.sql");

    private LatencyMeter() {}

    /** Empty when the table has no rows. {@code table} must have been checked in the catalog. */
    public static Optional<PipelineLatency> measure(
            ConnectionSpec db, String pipeline, TableRef table) {
        try (Connection connection = db.open();
                Statement statement = connection.createStatement()) {
            connection.setReadOnly(true);
            String overall = SQL.with("TABLE", table.sql()).with("GROUP", "'all'::text").sql();
            String hourly = SQL.with("TABLE", table.sql()).with("GROUP", "event_hour").sql();
            Percentiles sinceEvent = null;
            Percentiles sinceKafka = null;
            List<CdfPoint> cdf = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery(overall)) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                sinceEvent = percentiles(rows, "since_event");
                sinceKafka = percentiles(rows, "since_kafka");
                Double[] points = doubles(rows.getArray("cdf"));
                for (int i = 0; i < points.length; i++) {
                    cdf.add(new CdfPoint(i / (double) (points.length - 1), points[i]));
                }
            }
            List<HourLatency> hours = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery(hourly)) {
                while (rows.next()) {
                    hours.add(
                            new HourLatency(
                                    rows.getObject("grp", OffsetDateTime.class).toInstant(),
                                    percentiles(rows, "since_event")));
                }
            }
            return Optional.of(new PipelineLatency(pipeline, sinceEvent, sinceKafka, hours, cdf));
        } catch (SQLException e) {
            throw ConnectionSpec.translate(e, "measuring the latency of " + table);
        }
    }

    private static Percentiles percentiles(ResultSet rows, String column) throws SQLException {
        Double[] p = doubles(rows.getArray(column));
        BigDecimal max = rows.getBigDecimal(column + "_max");
        return new Percentiles(
                rows.getLong("n"), round(p[0]), round(p[1]), round(p[2]), round(max.doubleValue()));
    }

    private static Double[] doubles(Array array) throws SQLException {
        return (Double[]) array.getArray();
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1_000_000) / 1_000_000.0;
    }
}

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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
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

    /**
     * Empty when the table has no rows. {@code table} must have been checked in the catalog.
     *
     * @param clock how the load's clock relates to the wall clock {@code written_at} is on
     */
    public static Optional<PipelineLatency> measure(
            ConnectionSpec db, String pipeline, TableRef table, ClockMapping clock) {
        try (Connection connection = db.open()) {
            connection.setReadOnly(true);
            return measure(connection, pipeline, table, clock);
        } catch (SQLException e) {
            throw ConnectionSpec.translate(e, "measuring the latency of " + table);
        }
    }

    /**
     * As {@link #measure(ConnectionSpec, String, TableRef, ClockMapping)}, on {@code connection}
     * (e.g. one on a parity run's snapshot), which the caller closes.
     */
    public static Optional<PipelineLatency> measure(
            Connection connection, String pipeline, TableRef table, ClockMapping clock) {
        try {
            Percentiles sinceEvent;
            Percentiles sinceKafka;
            Percentiles wallSinceKafka;
            List<CdfPoint> cdf = new ArrayList<>();
            try (PreparedStatement overall = prepare(connection, table, "'all'::text", clock);
                    ResultSet rows = overall.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                sinceEvent = percentiles(rows, "since_event");
                sinceKafka = percentiles(rows, "since_kafka");
                wallSinceKafka = percentiles(rows, "wall_since_kafka");
                Double[] points = doubles(rows.getArray("cdf"));
                for (int i = 0; i < points.length; i++) {
                    cdf.add(new CdfPoint(i / (double) (points.length - 1), points[i]));
                }
            }
            List<HourLatency> hours = new ArrayList<>();
            try (PreparedStatement hourly = prepare(connection, table, "event_hour", clock);
                    ResultSet rows = hourly.executeQuery()) {
                while (rows.next()) {
                    hours.add(
                            new HourLatency(
                                    rows.getObject("grp", OffsetDateTime.class).toInstant(),
                                    percentiles(rows, "since_event")));
                }
            }
            return Optional.of(
                    new PipelineLatency(
                            pipeline,
                            clock.toString(),
                            sinceEvent,
                            sinceKafka,
                            wallSinceKafka,
                            hours,
                            cdf));
        } catch (SQLException e) {
            throw ConnectionSpec.translate(e, "measuring the latency of " + table);
        }
    }

    private static PreparedStatement prepare(
            Connection connection, TableRef table, String group, ClockMapping clock)
            throws SQLException {
        PreparedStatement statement =
                connection.prepareStatement(
                        SQL.with("TABLE", table.sql()).with("GROUP", group).sql());
        ClockMapping.Segments segments = clock.segments();
        statement.setArray(1, connection.createArrayOf("timestamptz", timestamps(segments.wall())));
        statement.setArray(
                2, connection.createArrayOf("timestamptz", timestamps(segments.simulated())));
        statement.setArray(
                3, connection.createArrayOf("float8", segments.speed().toArray(Double[]::new)));
        return statement;
    }

    private static Timestamp[] timestamps(List<java.time.Instant> instants) {
        return instants.stream().map(Timestamp::from).toArray(Timestamp[]::new);
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

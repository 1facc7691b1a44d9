package dev.cutover.recon.parity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.cutover.model.db.OutputTables;
import dev.cutover.recon.db.ConnectionSpec;
import dev.cutover.recon.db.TableRef;
import dev.cutover.recon.report.Percentiles;
import dev.cutover.recon.report.PipelineLatency;
import dev.cutover.stack.Service;
import dev.cutover.stack.StackEndpoints;
import dev.cutover.testkit.EmbeddedStackTest;
import dev.cutover.testkit.Jdbc;
import dev.cutover.testkit.TestSchema;
import dev.cutover.testkit.TestTime;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Latency measured from real rows with known delays: {@code written_at} set by the test (the
 * table's {@code written_at} triggers disabled on its own schema), the percentiles computed by hand
 * ({@code percentile_cont}: the value at position p × (n − 1) of the sorted values, interpolated
 * linearly), on the wall clock and through simulated clock mappings.
 */
@EmbeddedStackTest(services = Service.POSTGRES)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class LatencyMeterITCase {
    /** The event hour of the rows. */
    private static final Instant H = TestTime.hourStart(3);

    /** Where the wall clock of the simulated runs starts (the rows' written_at follow it). */
    private static final Instant W0 = TestTime.hourStart(1);

    private static final double EXACT = 1e-6;

    /** One row of {@code card_transactions}: only the instants latency reads. */
    private record Row(Instant eventTime, Instant kafkaTimestamp, Instant writtenAt) {}

    /**
     * 20 rows, k = 1..20: written {@code k × 250 ms} after they reached Kafka, which they reached 3
     * s after their event time — except the last two (k = 19, 20), which reached it 30 minutes
     * late.
     */
    private static List<Row> knownDelays(Instant kafkaFrom, double speedup) {
        List<Row> rows = new ArrayList<>();
        for (int k = 1; k <= 20; k++) {
            Duration sinceStart = Duration.ofMinutes(30 + k);
            Instant kafka = kafkaFrom.plus(sinceStart);
            Instant kafkaOnWall = W0.plusNanos((long) (sinceStart.toNanos() / speedup));
            Instant written =
                    (speedup == 1 ? kafka : kafkaOnWall).plus(Duration.ofMillis(250L * k));
            Duration arrival = k <= 18 ? Duration.ofSeconds(3) : Duration.ofMinutes(30);
            rows.add(new Row(kafka.minus(arrival), kafka, written));
        }
        return rows;
    }

    @Test
    void onTheWallClockThePercentilesAreTheHandComputedOnes(StackEndpoints stack, TestSchema schema)
            throws Exception {
        TableRef table = table(stack, schema, knownDelays(H, 1));

        PipelineLatency latency = measure(stack, table, ClockMapping.realTime());

        // written_at − kafka_timestamp: 0.25, 0.50, …, 5.00 s. p50 at position 0.5 × 19 = 9.5:
        // 2.50 + 0.5 × 0.25; p95 at 18.05: 4.75 + 0.05 × 0.25; p99 at 18.81: 4.75 + 0.81 × 0.25.
        assertPercentiles(latency.sinceKafka(), 20, 2.625, 4.7625, 4.9525, 5.0);
        assertPercentiles(latency.wallSinceKafka(), 20, 2.625, 4.7625, 4.9525, 5.0);
        // written_at − event_time: 3.25, 3.50, …, 7.50 s (18 rows), then 1804.75 and 1805.00 s.
        // p50: 5.50 + 0.5 × 0.25; p95: 1804.75 + 0.05 × 0.25; p99: 1804.75 + 0.81 × 0.25.
        assertPercentiles(latency.sinceEvent(), 20, 5.625, 1804.7625, 1804.9525, 1805.0);
        assertThat(latency.clock()).isEqualTo("wall clock");
        assertThat(latency.hours()).hasSize(1);
        assertThat(latency.hours().get(0).hour()).isEqualTo(H);
        assertPercentiles(
                latency.hours().get(0).latency(), 20, 5.625, 1804.7625, 1804.9525, 1805.0);
        assertThat(latency.cdf()).hasSize(51);
        assertThat(latency.cdf().get(0).seconds()).isCloseTo(3.25, within(EXACT));
        assertThat(latency.cdf().get(50).seconds()).isCloseTo(1805.0, within(EXACT));
    }

    /**
     * The same delays on a load clock running 60 times faster than the wall clock (points sampled
     * every 30 wall seconds, as a run's clock recorder takes them): Kafka timestamps and event
     * times are on the load's clock, written_at on the wall clock. On the load's clock every
     * wall-clock delay is 60 times longer; on the wall clock it is the delay itself.
     */
    @Test
    void onASimulatedClockTheLoadClockLatencyIsTheWallDelayTimesTheSpeedup(
            StackEndpoints stack, TestSchema schema) throws Exception {
        TableRef table = table(stack, schema, knownDelays(H, 60));
        List<ClockMapping.Point> points = new ArrayList<>();
        for (int i = 0; i <= 4; i++) {
            points.add(
                    new ClockMapping.Point(
                            W0.plus(Duration.ofSeconds(30L * i)),
                            H.plus(Duration.ofMinutes(30L * i))));
        }

        PipelineLatency latency = measure(stack, table, new ClockMapping(points, 60));

        assertPercentiles(latency.wallSinceKafka(), 20, 2.625, 4.7625, 4.9525, 5.0);
        // 15 s, 30 s, …, 300 s on the load's clock: each wall delay × 60.
        assertPercentiles(latency.sinceKafka(), 20, 157.5, 285.75, 297.15, 300.0);
        // 15k + 3 s (k ≤ 18: 18, 33, …, 273), then 2085 and 2100 s. p50: 153 + 0.5 × 15;
        // p95: 2085 + 0.05 × 15; p99: 2085 + 0.81 × 15.
        assertPercentiles(latency.sinceEvent(), 20, 160.5, 2085.75, 2097.15, 2100.0);
        assertThat(latency.clock()).isEqualTo("simulated clock at ×60 (5 points)");
    }

    /**
     * A load clock that ran at ×60 for its first wall minute and at ×10 for the next (a generator
     * falling behind), and at the nominal ×60 after its last point: each instant is mapped through
     * the segment it falls in, also a row whose Kafka timestamp and written_at fall in different
     * segments, and rows before the first and after the last point.
     */
    @Test
    void twoSegmentsAtDifferentSpeedsMapEachRowThroughItsOwn(
            StackEndpoints stack, TestSchema schema) throws Exception {
        Instant s0 = H;
        ClockMapping clock =
                new ClockMapping(
                        List.of(
                                new ClockMapping.Point(W0, s0),
                                new ClockMapping.Point(
                                        W0.plusSeconds(60), s0.plusSeconds(3_600)), // ×60
                                new ClockMapping.Point(
                                        W0.plusSeconds(120), s0.plusSeconds(4_200))), // ×10
                        60);
        TableRef table =
                table(
                        stack,
                        schema,
                        List.of(
                                // Kafka at wall +10 s = load +600 s; written at wall +12 s
                                // = load +720 s: 120 s.
                                row(s0.plusSeconds(600), W0.plusSeconds(12)),
                                // Kafka at wall +70 s = load 3600 + 10 × 10 s; written at wall
                                // +72 s = load 3720 s: 20 s.
                                row(s0.plusSeconds(3_700), W0.plusSeconds(72)),
                                // Kafka at wall +59 s = load 3540 s (×60); written at wall +61 s
                                // = load 3600 + 10 s (×10): 70 s.
                                row(s0.plusSeconds(3_540), W0.plusSeconds(61)),
                                // after the last point at ×60: Kafka at wall +130 s = load
                                // 4200 + 600 s; written at wall +133 s = load 4980 s: 180 s,
                                // 3 s on the wall clock.
                                row(s0.plusSeconds(4_800), W0.plusSeconds(133)),
                                // before the first point, at the first segment's ×60: Kafka at
                                // wall −10 s = load −600 s; written at wall −8 s = load −480 s.
                                row(s0.minusSeconds(600), W0.minusSeconds(8))));

        PipelineLatency latency = measure(stack, table, clock);

        // Load clock: 20, 70, 120, 120, 180 s. p50 at position 2: 120; p95 at 3.8: 120 + 0.8 ×
        // 60; p99 at 3.96: 120 + 0.96 × 60.
        assertPercentiles(latency.sinceKafka(), 5, 120, 168, 177.6, 180);
        // Wall clock: 2, 2, 2, 2, 3 s.
        assertPercentiles(latency.wallSinceKafka(), 5, 2, 2.8, 2.96, 3);
        // Each event a load-clock minute before its Kafka timestamp.
        assertPercentiles(latency.sinceEvent(), 5, 180, 228, 237.6, 240);
    }

    /**
     * The reader's time zone changes nothing: pgjdbc sets the session's {@code TimeZone} to the
     * JVM's, and adding an interval of days to a {@code timestamptz} follows that zone's calendar
     * (the offset of Asia/Singapore was +07:30 in 1970 and is +08:00 now; a zone with summer time
     * differs from January by an hour half of the year).
     */
    @Test
    void theSessionTimeZoneChangesNoLatency(StackEndpoints stack, TestSchema schema)
            throws Exception {
        TableRef table = table(stack, schema, knownDelays(H, 1));
        PipelineLatency utcWall = measure(stack, table, ClockMapping.realTime());

        TimeZone zone = TimeZone.getDefault();
        PipelineLatency singaporeWall;
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("Asia/Singapore"));
            singaporeWall = measure(stack, table, ClockMapping.realTime());
        } finally {
            TimeZone.setDefault(zone);
        }

        assertThat(singaporeWall).isEqualTo(utcWall);
        assertPercentiles(singaporeWall.sinceKafka(), 20, 2.625, 4.7625, 4.9525, 5.0);
        assertPercentiles(singaporeWall.wallSinceKafka(), 20, 2.625, 4.7625, 4.9525, 5.0);
    }

    private static Row row(Instant kafka, Instant written) {
        return new Row(kafka.minusSeconds(60), kafka, written);
    }

    /** A card_transactions table of the test's own holding {@code rows}, written_at as given. */
    private static TableRef table(StackEndpoints stack, TestSchema schema, List<Row> rows)
            throws Exception {
        OutputTables.migrateSchema(
                stack.jdbcUrl(), stack.jdbcUser(), stack.jdbcPassword(), schema.name());
        Jdbc.execute(
                stack,
                "ALTER TABLE " + schema.qualify("card_transactions") + " DISABLE TRIGGER USER");
        try (Connection c = Jdbc.connect(stack);
                PreparedStatement insert =
                        c.prepareStatement(
                                "INSERT INTO "
                                        + schema.qualify("card_transactions")
                                        + " (transaction_id, account_id, event_time, event_hour,"
                                        + " amount, currency, amount_usd, merchant_category,"
                                        + " status, is_international, masked_card, kafka_timestamp,"
                                        + " written_at) VALUES (?, 'acct-1', ?, date_trunc('hour',"
                                        + " ?::timestamptz, 'UTC'), 10, 'USD', 10, 'GROCERY',"
                                        + " 'APPROVED', false, '400000******0000', ?, ?)")) {
            for (int i = 0; i < rows.size(); i++) {
                Row row = rows.get(i);
                insert.setString(1, "txn-" + i);
                insert.setTimestamp(2, Timestamp.from(row.eventTime()));
                insert.setTimestamp(3, Timestamp.from(row.eventTime()));
                insert.setTimestamp(4, Timestamp.from(row.kafkaTimestamp()));
                insert.setTimestamp(5, Timestamp.from(row.writtenAt()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        return new TableRef(schema.name(), "card_transactions");
    }

    private static PipelineLatency measure(
            StackEndpoints stack, TableRef table, ClockMapping clock) {
        return LatencyMeter.measure(
                        new ConnectionSpec(stack.jdbcUrl(), stack.jdbcUser(), stack.jdbcPassword()),
                        "stream",
                        table,
                        clock)
                .orElseThrow();
    }

    private static void assertPercentiles(
            Percentiles actual, long count, double p50, double p95, double p99, double max) {
        assertThat(actual.count()).as("count").isEqualTo(count);
        assertThat(actual.p50()).as("p50").isCloseTo(p50, within(EXACT));
        assertThat(actual.p95()).as("p95").isCloseTo(p95, within(EXACT));
        assertThat(actual.p99()).as("p99").isCloseTo(p99, within(EXACT));
        assertThat(actual.max()).as("max").isCloseTo(max, within(EXACT));
    }
}

package dev.cutover.recon.report;

import dev.cutover.recon.diff.AggregateResult;
import dev.cutover.recon.diff.CellDiff;
import dev.cutover.recon.diff.DiffResult;
import dev.cutover.recon.diff.GroupDiff;
import dev.cutover.recon.diff.HourCounts;
import dev.cutover.recon.diff.MismatchSample;
import dev.cutover.recon.diff.RowSample;
import dev.cutover.recon.gate.Gate;
import dev.cutover.recon.gate.GatePolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A fixed report with every kind of content, for the golden files and the HTML check. */
final class ReportFixture {
    static final Instant H = Instant.parse("2026-11-23T10:00:00Z");

    private ReportFixture() {}

    static ReconciliationReport sample() {
        Map<String, Long> columns = new LinkedHashMap<>();
        columns.put("amount_usd", 3L);
        columns.put("status", 1L);
        DiffResult transactions =
                new DiffResult(
                        "full",
                        12_040,
                        11_990,
                        11_930,
                        4,
                        56,
                        6,
                        0,
                        0,
                        0,
                        0,
                        columns,
                        Map.of("late-arrival", 50L),
                        4,
                        6,
                        6,
                        List.of(
                                new MismatchSample(
                                        Map.of("transaction_id", "txn-0000042"),
                                        List.of(
                                                new CellDiff(
                                                        "account_id", "acct-7", "acct-7", false),
                                                new CellDiff("amount_usd", "12.30", "12.31", true),
                                                new CellDiff(
                                                        "status", "APPROVED", "APPROVED", false)),
                                        null)),
                        List.of(
                                new RowSample(
                                        Map.of("transaction_id", "txn-0000099"),
                                        ordered("account_id", "acct-1", "amount_usd", "5.00"),
                                        "late-arrival"),
                                new RowSample(
                                        Map.of("transaction_id", "txn-<b>|pipe"),
                                        ordered("account_id", "acct-2", "amount_usd", "7.00"),
                                        null)),
                        List.of(
                                new RowSample(
                                        Map.of("transaction_id", "txn-x"),
                                        ordered("account_id", "acct-3", "amount_usd", "1.00"),
                                        null)),
                        List.of(
                                new HourCounts(H, 4000, 0, 0),
                                new HourCounts(H.plusSeconds(3600), 3980, 20, 3),
                                new HourCounts(H.plusSeconds(7200), 3950, 30, 13)));
        DiffResult hourly =
                new DiffResult(
                        "checksum",
                        300,
                        300,
                        300,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        Map.of(),
                        Map.of(),
                        0,
                        0,
                        0,
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of());
        AggregateResult aggregates =
                new AggregateResult(
                        "event_hour",
                        3,
                        1,
                        List.of(
                                new GroupDiff(
                                        "2026-11-23T12:00:00Z",
                                        3993,
                                        3950,
                                        List.of(
                                                new CellDiff(
                                                        "sum(amount_usd)",
                                                        "100.00",
                                                        "90.00",
                                                        true)),
                                        false)));
        List<TableComparison> comparisons =
                List.of(
                        new TableComparison(
                                "stream vs batch: card_transactions",
                                "card_transactions",
                                "stream.card_transactions",
                                "batch.card_transactions",
                                "jdbc:postgresql://db:5432/cutover?…",
                                "jdbc:postgresql://db:5432/cutover?…",
                                List.of("transaction_id"),
                                List.of("account_id", "amount_usd", "status"),
                                Map.of("amount_usd", "0.001"),
                                1.234,
                                transactions,
                                aggregates),
                        new TableComparison(
                                "stream vs batch: account_hourly_spend",
                                "account_hourly_spend",
                                "stream.account_hourly_spend",
                                "batch.account_hourly_spend",
                                "jdbc:postgresql://db:5432/cutover",
                                "jdbc:postgresql://db:5432/cutover",
                                List.of("account_id", "hour_start"),
                                List.of("txn_count"),
                                Map.of(),
                                0.25,
                                hourly,
                                null));
        List<CdfPoint> streamCdf = new ArrayList<>();
        List<CdfPoint> batchCdf = new ArrayList<>();
        for (int i = 0; i <= 50; i++) {
            double f = i / 50.0;
            streamCdf.add(new CdfPoint(f, 0.2 + 2.5 * f * f));
            batchCdf.add(new CdfPoint(f, 600 + 3600 * f));
        }
        List<PipelineLatency> latency =
                List.of(
                        new PipelineLatency(
                                "stream",
                                "wall clock",
                                new Percentiles(12_040, 0.8, 2.1, 2.6, 2.7),
                                new Percentiles(12_040, 0.4, 1.2, 1.9, 2.2),
                                new Percentiles(12_040, 0.4, 1.2, 1.9, 2.2),
                                List.of(
                                        new HourLatency(
                                                H, new Percentiles(4000, 0.8, 2.0, 2.5, 2.6))),
                                streamCdf),
                        new PipelineLatency(
                                "batch",
                                "wall clock",
                                new Percentiles(11_990, 2400, 4020, 4180, 4200),
                                new Percentiles(11_990, 1900, 3600, 3700, 3720),
                                new Percentiles(11_990, 1900, 3600, 3700, 3720),
                                List.of(),
                                batchCdf));
        GatePolicy policy =
                GatePolicy.parse(
                        "max_unexplained: 0\nstream_latency_p99_max: 5s\nmin_rows: 100\n",
                        "gate.yaml");
        List<Check> checks = Gate.evaluate(policy, comparisons, latency, 2);
        return new ReconciliationReport(
                "Cutover reconciliation",
                Instant.parse("2026-11-23T14:05:00Z"),
                ReconciliationReport.FAIL,
                Gate.failures(checks),
                comparisons,
                checks,
                latency,
                3000.0,
                2);
    }

    /** Row values in column order, as the diff reads them (Map.of has no order). */
    private static Map<String, String> ordered(String... keysAndValues) {
        Map<String, String> values = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return values;
    }
}

package dev.cutover.recon.report;

import dev.cutover.recon.diff.AggregateResult;
import dev.cutover.recon.diff.CellDiff;
import dev.cutover.recon.diff.DiffResult;
import dev.cutover.recon.diff.GroupDiff;
import dev.cutover.recon.diff.HourCounts;
import dev.cutover.recon.diff.MismatchSample;
import dev.cutover.recon.diff.RowSample;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a person reads in a report, in the order they read it, whatever the format: the verdict, why
 * it fails, every table pair in one summary table, each pipeline's latency, then each pair in
 * detail, the faults a chaos run injected and every gate check. The HTML and Markdown renderers
 * draw these same sections; only the drawing differs (charts in HTML, tables in Markdown).
 *
 * <p>A cell's {@link Tone} says how it reads: an explained difference is {@link Tone#EXPLAINED},
 * never coloured as a failure; only what fails the gate is {@link Tone#BAD}.
 */
public record ReportView(
        String title,
        String verdict,
        boolean passed,
        List<String> highlights,
        List<String> failures,
        Table pairs,
        Latency latency,
        List<Pair> details,
        Table faults,
        Table checks) {

    /** Sample rows shown per kind (the JSON report has them all). */
    static final int SAMPLES = 10;

    /** How a cell reads. */
    public enum Tone {
        PLAIN,
        GOOD,
        EXPLAINED,
        BAD
    }

    /** One cell: its text and how it reads. */
    public record Cell(String text, Tone tone) {
        static Cell of(String text) {
            return new Cell(text == null ? "" : text, Tone.PLAIN);
        }

        static Cell count(long n, Tone toneWhenPositive) {
            return new Cell(Format.count(n), n > 0 ? toneWhenPositive : Tone.PLAIN);
        }
    }

    /**
     * A table; {@code numeric} marks the columns that hold numbers (right-aligned).
     *
     * @param rows each as long as {@code headers}
     */
    public record Table(List<String> headers, List<Boolean> numeric, List<List<Cell>> rows) {
        public boolean isEmpty() {
            return rows.isEmpty();
        }
    }

    /**
     * The latency section: a table of percentiles, and the distribution of {@code written_at −
     * event_time} of each pipeline for a chart.
     */
    public record Latency(Table percentiles, List<Series> distributions) {
        public boolean isEmpty() {
            return percentiles.isEmpty();
        }
    }

    /** One pipeline's distribution: the seconds at each fraction. */
    public record Series(String name, List<CdfPoint> points) {}

    /**
     * One table pair in detail.
     *
     * @param columnMismatches mismatching rows per column, for a bar chart
     * @param hours per-hour counts, for a strip
     */
    public record Pair(
            String name,
            String description,
            Table explained,
            Map<String, Long> columnMismatches,
            List<HourCounts> hours,
            Table mismatches,
            String aggregatesSummary,
            Table aggregates,
            Table onlyInLeft,
            Table onlyInRight) {}

    /** The view of {@code report}. */
    public static ReportView of(ReconciliationReport report) {
        return new ReportView(
                report.title(),
                report.verdict(),
                report.passed(),
                highlights(report),
                report.failures(),
                pairs(report.comparisons(), report.checks()),
                latency(report.latency()),
                report.comparisons().stream().map(ReportView::pair).toList(),
                faults(report.faults()),
                checks(report.checks()));
    }

    private static List<String> highlights(ReconciliationReport report) {
        List<String> lines = new ArrayList<>();
        lines.add(
                Format.count(report.unexplained())
                        + " unexplained difference(s) in "
                        + report.comparisons().size()
                        + " table pair(s)");
        if (report.freshnessGain() != null) {
            lines.add(
                    String.format(
                            Locale.ROOT,
                            "stream results ×%.1f fresher than batch (p50)",
                            report.freshnessGain()));
        }
        if (report.cleanHours() != null) {
            lines.add(report.cleanHours() + " consecutive clean hour(s)");
        }
        lines.add("generated " + report.generatedAt());
        return lines;
    }

    private static Table pairs(List<TableComparison> comparisons, List<Check> checks) {
        List<List<Cell>> rows = new ArrayList<>();
        for (TableComparison c : comparisons) {
            DiffResult r = c.result();
            boolean passes =
                    checks.stream().filter(k -> k.suite().equals(c.name())).allMatch(Check::passed);
            rows.add(
                    List.of(
                            Cell.of(c.name()),
                            Cell.of(Format.count(r.leftRows())),
                            Cell.of(Format.count(r.rightRows())),
                            Cell.of(Format.count(r.matchedRows())),
                            Cell.count(r.explainedTotal(), Tone.EXPLAINED),
                            Cell.count(r.unexplained(), Tone.BAD),
                            Cell.of(explainedCauses(r)),
                            passes ? new Cell("pass", Tone.GOOD) : new Cell("FAIL", Tone.BAD)));
        }
        return new Table(
                List.of(
                        "pair",
                        "left rows",
                        "right rows",
                        "matched",
                        "explained",
                        "unexplained",
                        "explained by",
                        "gate"),
                List.of(false, true, true, true, true, true, false, false),
                rows);
    }

    private static String explainedCauses(DiffResult r) {
        return r.explained().entrySet().stream()
                .map(e -> e.getKey() + " " + Format.count(e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static Latency latency(List<PipelineLatency> latency) {
        List<List<Cell>> rows = new ArrayList<>();
        for (PipelineLatency l : latency) {
            percentiles(rows, l.pipeline(), "written_at − event_time", l.clock(), l.sinceEvent());
            percentiles(
                    rows, l.pipeline(), "written_at − kafka_timestamp", l.clock(), l.sinceKafka());
            if (!"wall clock".equals(l.clock())) {
                percentiles(
                        rows,
                        l.pipeline(),
                        "written_at − kafka_timestamp",
                        "wall clock",
                        l.wallSinceKafka());
            }
        }
        return new Latency(
                new Table(
                        List.of("pipeline", "measure", "clock", "rows", "p50", "p95", "p99", "max"),
                        List.of(false, false, false, true, true, true, true, true),
                        rows),
                latency.stream().map(l -> new Series(l.pipeline(), l.cdf())).toList());
    }

    private static void percentiles(
            List<List<Cell>> rows, String pipeline, String measure, String clock, Percentiles p) {
        if (p == null) {
            return;
        }
        rows.add(
                List.of(
                        Cell.of(pipeline),
                        Cell.of(measure),
                        Cell.of(clock),
                        Cell.of(Format.count(p.count())),
                        Cell.of(Format.seconds(p.p50())),
                        Cell.of(Format.seconds(p.p95())),
                        Cell.of(Format.seconds(p.p99())),
                        Cell.of(Format.seconds(p.max()))));
    }

    private static Pair pair(TableComparison c) {
        DiffResult r = c.result();
        String description =
                c.leftTable()
                        + " ("
                        + c.leftUrl()
                        + ") vs "
                        + c.rightTable()
                        + " ("
                        + c.rightUrl()
                        + ") · key "
                        + String.join(", ", c.keys())
                        + " · "
                        + c.columns().size()
                        + " compared column(s)"
                        + (c.tolerances().isEmpty()
                                ? ""
                                : " · tolerances "
                                        + c.tolerances().entrySet().stream()
                                                .map(e -> e.getKey() + "=" + e.getValue())
                                                .collect(Collectors.joining(", ")))
                        + " · "
                        + r.mode()
                        + " mode · "
                        + Format.seconds(c.seconds())
                        + " · mismatched "
                        + Format.count(r.mismatchedRows())
                        + ", only in left "
                        + Format.count(r.onlyInLeft())
                        + ", only in right "
                        + Format.count(r.onlyInRight())
                        + ", duplicate keys "
                        + Format.count(r.duplicateKeysLeft() + r.duplicateKeysRight())
                        + ", null keys "
                        + Format.count(r.nullKeysLeft() + r.nullKeysRight());
        List<List<Cell>> explained = new ArrayList<>();
        r.explained()
                .forEach(
                        (cause, n) ->
                                explained.add(
                                        List.of(
                                                Cell.of(cause),
                                                new Cell(Format.count(n), Tone.EXPLAINED))));
        String aggregatesSummary =
                c.aggregates() == null
                        ? null
                        : "Per-group aggregates by "
                                + c.aggregates().groupBy()
                                + ": "
                                + Format.count(c.aggregates().differingGroups())
                                + " of "
                                + Format.count(c.aggregates().groupCount())
                                + " group(s) differ";
        return new Pair(
                c.name(),
                description,
                new Table(List.of("cause", "explained rows"), List.of(false, true), explained),
                r.columnMismatches(),
                r.hours(),
                mismatches(r.mismatches()),
                aggregatesSummary,
                aggregates(c.aggregates()),
                rowSamples(r.onlyInLeftSamples()),
                rowSamples(r.onlyInRightSamples()));
    }

    private static Table mismatches(List<MismatchSample> samples) {
        List<List<Cell>> rows = new ArrayList<>();
        for (MismatchSample m : samples.stream().limit(SAMPLES).toList()) {
            Tone tone = m.cause() == null ? Tone.BAD : Tone.EXPLAINED;
            for (CellDiff cell : m.cells()) {
                if (cell.differs()) {
                    rows.add(
                            List.of(
                                    Cell.of(key(m.key())),
                                    Cell.of(cell.column()),
                                    new Cell(cell.left(), tone),
                                    new Cell(cell.right(), tone),
                                    cause(m.cause())));
                }
            }
        }
        return new Table(
                List.of("key", "column", "left", "right", "cause"),
                List.of(false, false, false, false, false),
                rows);
    }

    private static Table aggregates(AggregateResult aggregates) {
        List<List<Cell>> rows = new ArrayList<>();
        if (aggregates != null) {
            for (GroupDiff g :
                    aggregates.groups().stream().filter(g -> !g.equal()).limit(SAMPLES).toList()) {
                rows.add(
                        List.of(
                                Cell.of(g.group()),
                                Cell.of(Format.count(g.leftCount())),
                                Cell.of(Format.count(g.rightCount())),
                                new Cell(
                                        g.metrics().stream()
                                                .filter(CellDiff::differs)
                                                .map(
                                                        m ->
                                                                m.column()
                                                                        + ": "
                                                                        + m.left()
                                                                        + " vs "
                                                                        + m.right())
                                                .collect(Collectors.joining("; ")),
                                        Tone.BAD)));
            }
        }
        return new Table(
                List.of("group", "left count", "right count", "differing metrics"),
                List.of(false, true, true, false),
                rows);
    }

    private static Table rowSamples(List<RowSample> samples) {
        List<RowSample> shown = samples.stream().limit(SAMPLES).toList();
        List<String> headers = new ArrayList<>(List.of("key"));
        if (!shown.isEmpty()) {
            headers.addAll(shown.get(0).values().keySet());
        }
        headers.add("cause");
        List<List<Cell>> rows = new ArrayList<>();
        for (RowSample row : shown) {
            List<Cell> cells = new ArrayList<>();
            cells.add(Cell.of(key(row.key())));
            row.values().values().forEach(v -> cells.add(Cell.of(v)));
            cells.add(cause(row.cause()));
            rows.add(cells);
        }
        List<Boolean> numeric = headers.stream().map(h -> false).toList();
        return new Table(headers, numeric, rows);
    }

    private static Cell cause(String cause) {
        return cause == null ? new Cell("unexplained", Tone.BAD) : new Cell(cause, Tone.EXPLAINED);
    }

    private static Table faults(List<InjectedFault> faults) {
        List<List<Cell>> rows = new ArrayList<>();
        for (InjectedFault f : faults) {
            rows.add(
                    List.of(
                            Cell.of(f.kind()),
                            Cell.of(f.startedAt().toString()),
                            Cell.of(f.simulatedAt().toString()),
                            f.recoveredAt() == null
                                    ? new Cell("never", Tone.BAD)
                                    : new Cell(f.recoveredAt().toString(), Tone.GOOD),
                            Cell.of(
                                    f.downtime() == null
                                            ? ""
                                            : Format.seconds(f.downtime().toMillis() / 1000.0)),
                            Cell.of(f.outcome())));
        }
        return new Table(
                List.of("fault", "injected", "simulated time", "back", "down", "outcome"),
                List.of(false, false, false, false, true, false),
                rows);
    }

    private static Table checks(List<Check> checks) {
        List<List<Cell>> rows = new ArrayList<>();
        for (Check check : checks) {
            rows.add(
                    List.of(
                            Cell.of(check.suite()),
                            Cell.of(check.name()),
                            check.passed()
                                    ? new Cell("pass", Tone.GOOD)
                                    : new Cell("FAIL", Tone.BAD),
                            Cell.of(check.message())));
        }
        return new Table(
                List.of("suite", "check", "result", "detail"),
                List.of(false, false, false, false),
                rows);
    }

    /** A key as one value, or {@code a=1, b=2} for a composite key. */
    static String key(Map<String, String> key) {
        return key.size() == 1
                ? key.values().iterator().next()
                : key.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(", "));
    }
}

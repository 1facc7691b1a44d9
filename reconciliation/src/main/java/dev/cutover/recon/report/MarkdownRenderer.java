package dev.cutover.recon.report;

import dev.cutover.recon.diff.CellDiff;
import dev.cutover.recon.diff.DiffResult;
import dev.cutover.recon.diff.GroupDiff;
import dev.cutover.recon.diff.HourCounts;
import dev.cutover.recon.diff.MismatchSample;
import dev.cutover.recon.diff.RowSample;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code report.md}: the report, compact, to paste in a pull request. */
public final class MarkdownRenderer {
    static final int SAMPLES = 5;

    private MarkdownRenderer() {}

    public static String render(ReconciliationReport report) {
        StringBuilder md = new StringBuilder();
        md.append("# ")
                .append(report.title())
                .append(": **")
                .append(report.verdict())
                .append("**\n\n");
        md.append("Generated ")
                .append(report.generatedAt())
                .append(" · ")
                .append(report.comparisons().size())
                .append(" table pair(s) · ")
                .append(Format.count(report.unexplained()))
                .append(" unexplained difference(s)");
        if (report.freshnessGain() != null) {
            md.append(
                    String.format(Locale.ROOT, " · freshness gain ×%.1f", report.freshnessGain()));
        }
        if (report.cleanHours() != null) {
            md.append(" · ").append(report.cleanHours()).append(" consecutive clean hour(s)");
        }
        md.append("\n\n");
        if (!report.failures().isEmpty()) {
            md.append("## Failures\n\n");
            report.failures().forEach(f -> md.append("- ").append(Format.md(f)).append('\n'));
            md.append('\n');
        }
        md.append("## Table pairs\n\n");
        md.append(
                        "| pair | left rows | right rows | matched | mismatched | only left | only"
                                + " right |")
                .append(" duplicate keys | null keys | explained | unexplained |\n");
        md.append("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        for (TableComparison c : report.comparisons()) {
            DiffResult r = c.result();
            md.append("| ")
                    .append(Format.md(c.name()))
                    .append(" | ")
                    .append(
                            String.join(
                                    " | ",
                                    Format.count(r.leftRows()),
                                    Format.count(r.rightRows()),
                                    Format.count(r.matchedRows()),
                                    Format.count(r.mismatchedRows()),
                                    Format.count(r.onlyInLeft()),
                                    Format.count(r.onlyInRight()),
                                    Format.count(r.duplicateKeysLeft() + r.duplicateKeysRight()),
                                    Format.count(r.nullKeysLeft() + r.nullKeysRight()),
                                    Format.count(r.explainedTotal()),
                                    Format.count(r.unexplained())))
                    .append(" |\n");
        }
        md.append('\n');
        for (TableComparison c : report.comparisons()) {
            table(md, c);
        }
        if (!report.latency().isEmpty()) {
            md.append("## Latency\n\n");
            md.append(
                    "| pipeline | measure | rows | p50 | p95 | p99 | max |\n"
                            + "|---|---|--:|--:|--:|--:|--:|\n");
            for (PipelineLatency l : report.latency()) {
                latencyRow(md, l.pipeline(), "written_at − event_time", l.sinceEvent());
                latencyRow(md, l.pipeline(), "written_at − kafka_timestamp", l.sinceKafka());
            }
            md.append('\n');
        }
        if (!report.faults().isEmpty()) {
            md.append(
                    "## Faults injected\n\n| fault | injected | simulated time | back | down |"
                            + " outcome |\n|---|---|---|---|--:|---|\n");
            for (InjectedFault f : report.faults()) {
                md.append("| ")
                        .append(Format.md(f.kind()))
                        .append(" | ")
                        .append(f.startedAt())
                        .append(" | ")
                        .append(f.simulatedAt())
                        .append(" | ")
                        .append(f.recoveredAt() == null ? "never" : f.recoveredAt().toString())
                        .append(" | ")
                        .append(
                                f.downtime() == null
                                        ? ""
                                        : Format.seconds(f.downtime().toMillis() / 1000.0))
                        .append(" | ")
                        .append(Format.md(f.outcome()))
                        .append(" |\n");
            }
            md.append('\n');
        }
        md.append("## Checks\n\n| suite | check | result | detail |\n|---|---|---|---|\n");
        for (Check check : report.checks()) {
            md.append("| ")
                    .append(Format.md(check.suite()))
                    .append(" | ")
                    .append(Format.md(check.name()))
                    .append(" | ")
                    .append(check.passed() ? "pass" : "**FAIL**")
                    .append(" | ")
                    .append(Format.md(check.message()))
                    .append(" |\n");
        }
        return md.toString();
    }

    private static void latencyRow(
            StringBuilder md, String pipeline, String measure, Percentiles p) {
        if (p == null) {
            return;
        }
        md.append("| ")
                .append(pipeline)
                .append(" | ")
                .append(measure)
                .append(" | ")
                .append(Format.count(p.count()))
                .append(" | ")
                .append(Format.seconds(p.p50()))
                .append(" | ")
                .append(Format.seconds(p.p95()))
                .append(" | ")
                .append(Format.seconds(p.p99()))
                .append(" | ")
                .append(Format.seconds(p.max()))
                .append(" |\n");
    }

    private static void table(StringBuilder md, TableComparison c) {
        DiffResult r = c.result();
        md.append("### ").append(Format.md(c.name())).append("\n\n");
        md.append("Key ")
                .append(String.join(", ", c.keys()))
                .append(" · ")
                .append(c.columns().size())
                .append(" compared column(s)");
        if (!c.tolerances().isEmpty()) {
            md.append(" · tolerances ")
                    .append(
                            c.tolerances().entrySet().stream()
                                    .map(e -> e.getKey() + "=" + e.getValue())
                                    .collect(Collectors.joining(", ")));
        }
        md.append(" · ")
                .append(r.mode())
                .append(" mode · ")
                .append(Format.seconds(c.seconds()))
                .append("\n\n");
        if (!r.columnMismatches().isEmpty()) {
            md.append("| column | mismatching rows |\n|---|--:|\n");
            r.columnMismatches()
                    .forEach(
                            (k, v) ->
                                    md.append("| ")
                                            .append(Format.md(k))
                                            .append(" | ")
                                            .append(Format.count(v))
                                            .append(" |\n"));
            md.append('\n');
        }
        if (!r.explained().isEmpty()) {
            md.append("| cause | explained differences |\n|---|--:|\n");
            r.explained()
                    .forEach(
                            (k, v) ->
                                    md.append("| ")
                                            .append(Format.md(k))
                                            .append(" | ")
                                            .append(Format.count(v))
                                            .append(" |\n"));
            md.append('\n');
        }
        List<MismatchSample> mismatches = r.mismatches().stream().limit(SAMPLES).toList();
        if (!mismatches.isEmpty()) {
            md.append(
                    "Sample mismatches:\n\n"
                            + "| key | column | left | right | cause |\n"
                            + "|---|---|---|---|---|\n");
            for (MismatchSample m : mismatches) {
                for (CellDiff cell : m.cells()) {
                    if (cell.differs()) {
                        md.append("| ")
                                .append(Format.md(key(m.key())))
                                .append(" | ")
                                .append(Format.md(cell.column()))
                                .append(" | ")
                                .append(Format.md(cell.left()))
                                .append(" | ")
                                .append(Format.md(cell.right()))
                                .append(" | ")
                                .append(m.cause() == null ? "unexplained" : Format.md(m.cause()))
                                .append(" |\n");
                    }
                }
            }
            md.append('\n');
        }
        samples(md, "Only in left", r.onlyInLeftSamples());
        samples(md, "Only in right", r.onlyInRightSamples());
        List<HourCounts> hours = r.hours();
        if (!hours.isEmpty()) {
            md.append("| hour | matched | explained | unexplained |\n|---|--:|--:|--:|\n");
            for (HourCounts h : hours) {
                md.append("| ")
                        .append(h.hour())
                        .append(" | ")
                        .append(Format.count(h.matched()))
                        .append(" | ")
                        .append(Format.count(h.explained()))
                        .append(" | ")
                        .append(Format.count(h.unexplained()))
                        .append(" |\n");
            }
            md.append('\n');
        }
        if (c.aggregates() != null) {
            md.append("Per-group aggregates by ")
                    .append(Format.md(c.aggregates().groupBy()))
                    .append(": ")
                    .append(Format.count(c.aggregates().differingGroups()))
                    .append(" of ")
                    .append(Format.count(c.aggregates().groupCount()))
                    .append(" group(s) differ.\n\n");
            List<GroupDiff> differing =
                    c.aggregates().groups().stream()
                            .filter(g -> !g.equal())
                            .limit(SAMPLES)
                            .toList();
            if (!differing.isEmpty()) {
                md.append(
                        "| group | left count | right count | differing metrics |\n"
                                + "|---|--:|--:|---|\n");
                for (GroupDiff g : differing) {
                    md.append("| ")
                            .append(Format.md(g.group()))
                            .append(" | ")
                            .append(g.leftCount())
                            .append(" | ")
                            .append(g.rightCount())
                            .append(" | ")
                            .append(
                                    Format.md(
                                            g.metrics().stream()
                                                    .filter(CellDiff::differs)
                                                    .map(
                                                            m ->
                                                                    m.column()
                                                                            + ": "
                                                                            + m.left()
                                                                            + " vs "
                                                                            + m.right())
                                                    .collect(Collectors.joining("; "))))
                            .append(" |\n");
                }
                md.append('\n');
            }
        }
    }

    private static void samples(StringBuilder md, String title, List<RowSample> rows) {
        if (rows.isEmpty()) {
            return;
        }
        md.append(title).append(":\n\n| key | cause |\n|---|---|\n");
        rows.stream()
                .limit(SAMPLES)
                .forEach(
                        row ->
                                md.append("| ")
                                        .append(Format.md(key(row.key())))
                                        .append(" | ")
                                        .append(
                                                row.cause() == null
                                                        ? "unexplained"
                                                        : Format.md(row.cause()))
                                        .append(" |\n"));
        md.append('\n');
    }

    static String key(Map<String, String> key) {
        return key.size() == 1
                ? key.values().iterator().next()
                : key.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(", "));
    }
}

package dev.cutover.recon.report;

import java.util.List;
import java.util.Map;

/** {@code report.md}: the sections of the {@link ReportView} as Markdown, to paste in a review. */
public final class MarkdownRenderer {
    private MarkdownRenderer() {}

    public static String render(ReconciliationReport report) {
        ReportView view = ReportView.of(report);
        StringBuilder md = new StringBuilder();
        md.append("# ").append(view.title()).append(": **").append(view.verdict()).append("**\n\n");
        md.append(String.join(" · ", view.highlights())).append("\n\n");
        if (!view.failures().isEmpty()) {
            md.append("## Why it fails\n\n");
            view.failures().forEach(f -> md.append("- ").append(escape(f)).append('\n'));
            md.append('\n');
        }
        md.append("## Table pairs\n\n");
        table(md, view.pairs());
        if (!view.latency().isEmpty()) {
            md.append("## Latency\n\n");
            table(md, view.latency().percentiles());
        }
        for (ReportView.Pair pair : view.details()) {
            pair(md, pair);
        }
        if (!view.faults().isEmpty()) {
            md.append("## Faults injected\n\n");
            table(md, view.faults());
        }
        md.append("## Checks\n\n");
        table(md, view.checks());
        return md.toString();
    }

    private static void pair(StringBuilder md, ReportView.Pair pair) {
        md.append("### ").append(escape(pair.name())).append("\n\n");
        md.append(escape(pair.description())).append("\n\n");
        if (!pair.columnMismatches().isEmpty()) {
            md.append("| column | mismatching rows |\n|---|--:|\n");
            for (Map.Entry<String, Long> e : pair.columnMismatches().entrySet()) {
                md.append("| ")
                        .append(escape(e.getKey()))
                        .append(" | ")
                        .append(Format.count(e.getValue()))
                        .append(" |\n");
            }
            md.append('\n');
        }
        table(md, pair.explained());
        subtable(md, "Sample mismatches", pair.mismatches());
        subtable(md, "Only in left", pair.onlyInLeft());
        subtable(md, "Only in right", pair.onlyInRight());
        if (!pair.hours().isEmpty()) {
            md.append("| hour | matched | explained | unexplained |\n|---|--:|--:|--:|\n");
            pair.hours()
                    .forEach(
                            h ->
                                    md.append("| ")
                                            .append(h.hour())
                                            .append(" | ")
                                            .append(Format.count(h.matched()))
                                            .append(" | ")
                                            .append(Format.count(h.explained()))
                                            .append(" | ")
                                            .append(Format.count(h.unexplained()))
                                            .append(" |\n"));
            md.append('\n');
        }
        if (pair.aggregatesSummary() != null) {
            md.append(escape(pair.aggregatesSummary())).append(".\n\n");
            table(md, pair.aggregates());
        }
    }

    private static void subtable(StringBuilder md, String title, ReportView.Table table) {
        if (!table.isEmpty()) {
            md.append(title).append(":\n\n");
            table(md, table);
        }
    }

    /** A pipe table; a cell that fails the gate in bold. */
    private static void table(StringBuilder md, ReportView.Table table) {
        if (table.isEmpty()) {
            return;
        }
        md.append("| ").append(String.join(" | ", table.headers())).append(" |\n|");
        for (boolean numeric : table.numeric()) {
            md.append(numeric ? "--:|" : "---|");
        }
        md.append('\n');
        for (List<ReportView.Cell> row : table.rows()) {
            md.append('|');
            for (ReportView.Cell cell : row) {
                String text = escape(cell.text());
                md.append(' ')
                        .append(cell.tone() == ReportView.Tone.BAD ? "**" + text + "**" : text)
                        .append(" |");
            }
            md.append('\n');
        }
        md.append('\n');
    }

    private static String escape(String text) {
        return Format.md(text);
    }
}

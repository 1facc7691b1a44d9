package dev.cutover.recon.report;

import static dev.cutover.recon.report.Format.html;

import dev.cutover.recon.diff.CellDiff;
import dev.cutover.recon.diff.DiffResult;
import dev.cutover.recon.diff.GroupDiff;
import dev.cutover.recon.diff.HourCounts;
import dev.cutover.recon.diff.MismatchSample;
import dev.cutover.recon.diff.RowSample;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code report.html}: one self-contained page (inline CSS and SVG, no external asset) readable in
 * a minute: the verdict on top, summary cards, column-mismatch bars, a per-hour strip, latency CDFs
 * of both pipelines on one chart, sample mismatching rows side by side, rows on one side only.
 */
public final class HtmlRenderer {
    /** Sample rows shown per kind (the JSON report has them all). */
    static final int SAMPLES = 10;

    private static final String[] COLORS = {"#2563eb", "#d97706", "#7c3aed", "#059669"};

    private HtmlRenderer() {}

    public static String render(ReconciliationReport report) {
        StringBuilder h = new StringBuilder(16_384);
        boolean pass = report.passed();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>")
                .append(html(report.title()))
                .append(" — ")
                .append(report.verdict())
                .append("</title><style>")
                .append(
                        "body{font:14px/1.4"
                                + " system-ui,sans-serif;margin:0;color:#111;background:#f6f7f9}")
                .append("main{max-width:1200px;margin:0 auto;padding:16px}")
                .append(".verdict{padding:18px 24px;color:#fff;font-size:28px;font-weight:700}")
                .append(".pass{background:#15803d}.fail{background:#b91c1c}")
                .append(".verdict small{display:block;font-size:14px;font-weight:400;opacity:.9}")
                .append(
                        "section{background:#fff;border:1px solid"
                                + " #e5e7eb;border-radius:8px;padding:12px 16px;margin:12px 0}")
                .append(
                        ".cards{display:flex;flex-wrap:wrap;gap:8px}.card{border:1px solid"
                                + " #e5e7eb;border-radius:6px;padding:6px 10px;min-width:92px}")
                .append(
                        ".card b{display:block;font-size:20px}.card.bad b{color:#b91c1c}.card"
                                + " span{color:#555;font-size:12px}")
                .append(
                        "table{border-collapse:collapse;margin:6px"
                            + " 0;display:block;overflow-x:auto;max-width:100%}td,th{border:1px"
                            + " solid #e5e7eb;padding:3px 8px;text-align:left;vertical-align:top}")
                .append(
                        "th{background:#f3f4f6}td.diff{background:#fee2e2;font-weight:600}.ok{color:#15803d}.ko{color:#b91c1c;font-weight:700}")
                .append(
                        "h2{margin:4px 0 8px}h3{margin:10px 0"
                                + " 4px;font-size:15px}.muted{color:#666}")
                .append("</style></head><body>\n");
        h.append("<div class=\"verdict ")
                .append(pass ? "pass" : "fail")
                .append("\">")
                .append(html(report.verdict()))
                .append(" — ")
                .append(html(report.title()))
                .append("<small>")
                .append(Format.count(report.unexplained()))
                .append(" unexplained difference(s) in ")
                .append(report.comparisons().size())
                .append(" table pair(s)");
        if (report.freshnessGain() != null) {
            h.append(
                    String.format(
                            Locale.ROOT,
                            " · stream results ×%.1f fresher than batch (p50)",
                            report.freshnessGain()));
        }
        if (report.cleanHours() != null) {
            h.append(" · ").append(report.cleanHours()).append(" consecutive clean hour(s)");
        }
        h.append(" · generated ").append(report.generatedAt()).append("</small></div>\n<main>\n");
        if (!report.failures().isEmpty()) {
            h.append("<section><h2>Why it fails</h2><ul>");
            report.failures().forEach(f -> h.append("<li>").append(html(f)).append("</li>"));
            h.append("</ul></section>\n");
        }
        for (TableComparison c : report.comparisons()) {
            comparison(h, c);
        }
        if (!report.latency().isEmpty()) {
            latency(h, report.latency());
        }
        if (!report.faults().isEmpty()) {
            faults(h, report.faults());
        }
        h.append(
                "<section><h2>Checks</h2><table><tr><th>suite</th><th>check</th><th>result</th><th>detail</th></tr>");
        for (Check check : report.checks()) {
            h.append("<tr><td>")
                    .append(html(check.suite()))
                    .append("</td><td>")
                    .append(html(check.name()))
                    .append("</td><td class=\"")
                    .append(check.passed() ? "ok\">pass" : "ko\">FAIL")
                    .append("</td><td>")
                    .append(html(check.message()))
                    .append("</td></tr>");
        }
        h.append("</table></section>\n</main></body></html>\n");
        return h.toString();
    }

    private static void comparison(StringBuilder h, TableComparison c) {
        DiffResult r = c.result();
        h.append("<section><h2>")
                .append(html(c.name()))
                .append("</h2><p class=\"muted\">")
                .append(html(c.leftTable()))
                .append(" (")
                .append(html(c.leftUrl()))
                .append(") vs ")
                .append(html(c.rightTable()))
                .append(" (")
                .append(html(c.rightUrl()))
                .append(") · key ")
                .append(html(String.join(", ", c.keys())))
                .append(" · ")
                .append(r.mode())
                .append(" mode · ")
                .append(Format.seconds(c.seconds()))
                .append("</p><div class=\"cards\">");
        card(h, "left rows", r.leftRows(), false);
        card(h, "right rows", r.rightRows(), false);
        card(h, "matched", r.matchedRows(), false);
        card(h, "mismatched", r.mismatchedRows(), r.mismatchedRows() > 0);
        card(h, "only in left", r.onlyInLeft(), r.onlyInLeft() > 0);
        card(h, "only in right", r.onlyInRight(), r.onlyInRight() > 0);
        card(
                h,
                "duplicate keys",
                r.duplicateKeysLeft() + r.duplicateKeysRight(),
                r.duplicateKeysLeft() + r.duplicateKeysRight() > 0);
        card(
                h,
                "null keys",
                r.nullKeysLeft() + r.nullKeysRight(),
                r.nullKeysLeft() + r.nullKeysRight() > 0);
        card(h, "explained", r.explainedTotal(), false);
        card(h, "unexplained", r.unexplained(), r.unexplained() > 0);
        h.append("</div>");
        if (!r.explained().isEmpty()) {
            h.append("<h3>Explained differences</h3><table><tr><th>cause</th><th>rows</th></tr>");
            r.explained()
                    .forEach(
                            (k, v) ->
                                    h.append("<tr><td>")
                                            .append(html(k))
                                            .append("</td><td>")
                                            .append(Format.count(v))
                                            .append("</td></tr>"));
            h.append("</table>");
        }
        if (!r.columnMismatches().isEmpty()) {
            bars(h, r.columnMismatches());
        }
        if (!r.hours().isEmpty()) {
            hourStrip(h, r.hours());
        }
        if (!r.mismatches().isEmpty()) {
            h.append(
                    "<h3>Sample mismatching rows (left above"
                            + " right)</h3><table><tr><th>key</th><th>side</th>");
            r.mismatches()
                    .get(0)
                    .cells()
                    .forEach(cell -> h.append("<th>").append(html(cell.column())).append("</th>"));
            h.append("<th>cause</th></tr>");
            for (MismatchSample m :
                    r.mismatches().subList(0, Math.min(r.mismatches().size(), SAMPLES))) {
                for (int side = 0; side < 2; side++) {
                    h.append("<tr>");
                    if (side == 0) {
                        h.append("<td rowspan=\"2\">")
                                .append(html(MarkdownRenderer.key(m.key())))
                                .append("</td>");
                    }
                    h.append("<td>").append(side == 0 ? "left" : "right").append("</td>");
                    for (CellDiff cell : m.cells()) {
                        h.append(cell.differs() ? "<td class=\"diff\">" : "<td>")
                                .append(html(side == 0 ? cell.left() : cell.right()))
                                .append("</td>");
                    }
                    if (side == 0) {
                        h.append("<td rowspan=\"2\">")
                                .append(html(m.cause() == null ? "unexplained" : m.cause()))
                                .append("</td>");
                    }
                    h.append("</tr>");
                }
            }
            h.append("</table>");
        }
        if (c.aggregates() != null) {
            h.append("<h3>Per-group aggregates by ")
                    .append(html(c.aggregates().groupBy()))
                    .append(": ")
                    .append(Format.count(c.aggregates().differingGroups()))
                    .append(" of ")
                    .append(Format.count(c.aggregates().groupCount()))
                    .append(" group(s) differ</h3>");
            List<GroupDiff> differing =
                    c.aggregates().groups().stream()
                            .filter(g -> !g.equal())
                            .limit(SAMPLES)
                            .toList();
            if (!differing.isEmpty()) {
                h.append(
                        "<table><tr><th>group</th><th>left count</th><th>right"
                                + " count</th><th>metric</th><th>left</th><th>right</th></tr>");
                for (GroupDiff g : differing) {
                    List<CellDiff> metrics =
                            g.metrics().stream().filter(CellDiff::differs).toList();
                    int span = Math.max(1, metrics.size());
                    h.append("<tr><td rowspan=\"")
                            .append(span)
                            .append("\">")
                            .append(html(g.group()))
                            .append("</td><td rowspan=\"")
                            .append(span)
                            .append("\"")
                            .append(g.leftCount() != g.rightCount() ? " class=\"diff\">" : ">")
                            .append(Format.count(g.leftCount()))
                            .append("</td><td rowspan=\"")
                            .append(span)
                            .append("\"")
                            .append(g.leftCount() != g.rightCount() ? " class=\"diff\">" : ">")
                            .append(Format.count(g.rightCount()))
                            .append("</td>");
                    if (metrics.isEmpty()) {
                        h.append("<td></td><td></td><td></td></tr>");
                    }
                    for (int i = 0; i < metrics.size(); i++) {
                        if (i > 0) {
                            h.append("<tr>");
                        }
                        h.append("<td>")
                                .append(html(metrics.get(i).column()))
                                .append("</td><td class=\"diff\">")
                                .append(html(metrics.get(i).left()))
                                .append("</td><td class=\"diff\">")
                                .append(html(metrics.get(i).right()))
                                .append("</td></tr>");
                    }
                }
                h.append("</table>");
            }
        }
        rows(h, "Rows only in left", r.onlyInLeftSamples());
        rows(h, "Rows only in right", r.onlyInRightSamples());
        h.append("</section>\n");
    }

    private static void faults(StringBuilder h, List<InjectedFault> faults) {
        h.append("<section><h2>Faults injected</h2><table><tr><th>fault</th><th>injected</th>")
                .append("<th>simulated time</th><th>back</th><th>down</th><th>outcome</th></tr>");
        for (InjectedFault f : faults) {
            h.append("<tr><td>")
                    .append(html(f.kind()))
                    .append("</td><td>")
                    .append(f.startedAt())
                    .append("</td><td>")
                    .append(f.simulatedAt())
                    .append("</td><td class=\"")
                    .append(f.recoveredAt() == null ? "ko\">never" : "ok\">" + f.recoveredAt())
                    .append("</td><td>")
                    .append(
                            f.downtime() == null
                                    ? ""
                                    : Format.seconds(f.downtime().toMillis() / 1000.0))
                    .append("</td><td>")
                    .append(html(f.outcome()))
                    .append("</td></tr>");
        }
        h.append("</table></section>\n");
    }

    private static void card(StringBuilder h, String label, long value, boolean bad) {
        h.append("<div class=\"card")
                .append(bad ? " bad" : "")
                .append("\"><b>")
                .append(Format.count(value))
                .append("</b><span>")
                .append(label)
                .append("</span></div>");
    }

    private static void bars(StringBuilder h, Map<String, Long> columns) {
        long max = columns.values().stream().mapToLong(Long::longValue).max().orElse(1);
        int height = columns.size() * 24 + 8;
        h.append("<h3>Mismatching rows per column</h3><svg width=\"640\" height=\"")
                .append(height)
                .append("\" role=\"img\" aria-label=\"mismatches per column\">");
        int y = 4;
        for (Map.Entry<String, Long> e : columns.entrySet()) {
            double width = 400.0 * e.getValue() / Math.max(1, max);
            h.append("<text x=\"0\" y=\"")
                    .append(y + 15)
                    .append("\" font-size=\"12\">")
                    .append(html(e.getKey()))
                    .append("</text>")
                    .append(
                            String.format(
                                    Locale.ROOT,
                                    "<rect x=\"160\" y=\"%d\" width=\"%.1f\" height=\"18\""
                                            + " fill=\"#dc2626\"/>",
                                    y,
                                    Math.max(1, width)))
                    .append(
                            String.format(
                                    Locale.ROOT,
                                    "<text x=\"%.1f\" y=\"%d\" font-size=\"12\">",
                                    166 + width,
                                    y + 15))
                    .append(Format.count(e.getValue()))
                    .append("</text>");
            y += 24;
        }
        h.append("</svg>");
    }

    private static void hourStrip(StringBuilder h, List<HourCounts> hours) {
        int cell = Math.max(8, Math.min(48, 960 / hours.size()));
        int width = cell * hours.size();
        h.append(
                        "<h3>Per hour: <span style=\"color:#16a34a\">■ matched</span> <span"
                                + " style=\"color:#f59e0b\">■ explained</span> <span"
                                + " style=\"color:#dc2626\">■ unexplained</span></h3>")
                .append("<svg width=\"")
                .append(width + 2)
                .append("\" height=\"86\" role=\"img\" aria-label=\"per-hour strip\">");
        int x = 1;
        for (HourCounts hour : hours) {
            long total = Math.max(1, hour.matched() + hour.explained() + hour.unexplained());
            double y = 2;
            long[] parts = {hour.unexplained(), hour.explained(), hour.matched()};
            String[] colors = {"#dc2626", "#f59e0b", "#16a34a"};
            for (int i = 0; i < 3; i++) {
                double hgt = parts[i] == 0 ? 0 : Math.max(6, 60.0 * parts[i] / total);
                if (i == 2 && parts[i] > 0) {
                    hgt = Math.max(2, 62 - y);
                }
                if (parts[i] > 0) {
                    h.append(
                            String.format(
                                    Locale.ROOT,
                                    "<rect x=\"%d\" y=\"%.2f\" width=\"%d\" height=\"%.2f\""
                                            + " fill=\"%s\"><title>%s: %d</title></rect>",
                                    x,
                                    y,
                                    cell - 2,
                                    Math.max(hgt, 1.5),
                                    colors[i],
                                    html(hour.hour().toString()),
                                    parts[i]));
                }
                y += hgt;
            }
            h.append("<text x=\"")
                    .append(x)
                    .append("\" y=\"78\" font-size=\"10\">")
                    .append(hour.hour().toString().substring(11, 13))
                    .append("h</text>");
            if (hour.unexplained() > 0) {
                h.append("<text x=\"")
                        .append(x)
                        .append("\" y=\"94\" font-size=\"10\" fill=\"#dc2626\">")
                        .append(hour.unexplained())
                        .append("</text>");
            }
            x += cell;
        }
        h.append("</svg>");
    }

    private static void rows(StringBuilder h, String title, List<RowSample> rows) {
        if (rows.isEmpty()) {
            return;
        }
        h.append("<h3>")
                .append(title)
                .append(rows.size() > SAMPLES ? " (first " + SAMPLES + ")" : "")
                .append("</h3><table><tr><th>key</th>");
        rows.get(0)
                .values()
                .keySet()
                .forEach(k -> h.append("<th>").append(html(k)).append("</th>"));
        h.append("<th>cause</th></tr>");
        for (RowSample row : rows.subList(0, Math.min(rows.size(), SAMPLES))) {
            h.append("<tr><td>").append(html(MarkdownRenderer.key(row.key()))).append("</td>");
            row.values().values().forEach(v -> h.append("<td>").append(html(v)).append("</td>"));
            h.append("<td>")
                    .append(html(row.cause() == null ? "unexplained" : row.cause()))
                    .append("</td></tr>");
        }
        h.append("</table>");
    }

    private static void latency(StringBuilder h, List<PipelineLatency> latency) {
        double lo = Double.MAX_VALUE;
        double hi = 0;
        for (PipelineLatency l : latency) {
            for (CdfPoint p : l.cdf()) {
                if (p.seconds() > 0) {
                    lo = Math.min(lo, p.seconds());
                }
                hi = Math.max(hi, p.seconds());
            }
        }
        double logLo = Math.floor(Math.log10(lo == Double.MAX_VALUE ? 0.001 : Math.max(lo, 0.001)));
        double logHi = Math.ceil(Math.log10(Math.max(hi, Math.pow(10, logLo + 1))));
        int w = 760;
        int ht = 300;
        int left = 56;
        int right = 60;
        int bottom = 36;
        double plot = w - left - right;
        h.append("<section><h2>Latency (written_at − event_time), CDF, log scale</h2>")
                .append("<svg width=\"")
                .append(w)
                .append("\" height=\"")
                .append(ht)
                .append("\" role=\"img\" aria-label=\"latency CDF\">")
                .append(
                        String.format(
                                Locale.ROOT,
                                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>",
                                left,
                                ht - bottom,
                                w - right,
                                ht - bottom))
                .append(
                        String.format(
                                Locale.ROOT,
                                "<line x1=\"%d\" y1=\"10\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>",
                                left,
                                left,
                                ht - bottom));
        for (int i = 0; i <= 4; i++) {
            double y = ht - bottom - i / 4.0 * (ht - bottom - 10);
            h.append(
                            String.format(
                                    Locale.ROOT,
                                    "<text x=\"4\" y=\"%.1f\" font-size=\"11\">%d%%</text>",
                                    y + 4,
                                    i * 25))
                    .append(
                            String.format(
                                    Locale.ROOT,
                                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\""
                                            + " stroke=\"#eee\"/>",
                                    left + 1,
                                    y,
                                    w - right,
                                    y));
        }
        for (double decade = logLo; decade <= logHi; decade++) {
            double x = left + (decade - logLo) / (logHi - logLo) * plot;
            h.append(
                            String.format(
                                    Locale.ROOT,
                                    "<line x1=\"%.1f\" y1=\"10\" x2=\"%.1f\" y2=\"%d\""
                                            + " stroke=\"#eee\"/>",
                                    x,
                                    x,
                                    ht - bottom))
                    .append(
                            String.format(
                                    Locale.ROOT,
                                    "<text x=\"%.1f\" y=\"%d\" font-size=\"11\""
                                            + " text-anchor=\"middle\">%s</text>",
                                    x,
                                    ht - bottom + 16,
                                    html(Format.seconds(Math.pow(10, decade)))));
        }
        int legendY = 20;
        for (int i = 0; i < latency.size(); i++) {
            PipelineLatency l = latency.get(i);
            String color = COLORS[i % COLORS.length];
            StringBuilder points = new StringBuilder();
            for (CdfPoint p : l.cdf()) {
                double log = Math.log10(Math.max(p.seconds(), Math.pow(10, logLo)));
                double x = left + (log - logLo) / (logHi - logLo) * plot;
                double y = ht - bottom - p.fraction() * (ht - bottom - 10);
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            h.append("<polyline fill=\"none\" stroke-width=\"2.5\" stroke=\"")
                    .append(color)
                    .append("\" points=\"")
                    .append(points.toString().trim())
                    .append("\"/>")
                    .append(
                            String.format(
                                    Locale.ROOT,
                                    "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\""
                                            + " fill=\"%s\"/>",
                                    left + 12,
                                    legendY,
                                    color))
                    .append(
                            String.format(
                                    Locale.ROOT,
                                    "<text x=\"%d\" y=\"%d\" font-size=\"12\">%s</text>",
                                    left + 30,
                                    legendY + 11,
                                    html(l.pipeline())));
            legendY += 18;
        }
        h.append("<text x=\"")
                .append(left + (int) plot / 2)
                .append("\" y=\"")
                .append(ht - 4)
                .append(
                        "\" font-size=\"12\" text-anchor=\"middle\">latency (log"
                                + " scale)</text></svg>");
        h.append(
                "<table><tr><th>pipeline</th><th>measure</th><th>rows</th><th>p50</th><th>p95</th><th>p99</th><th>max</th></tr>");
        for (PipelineLatency l : latency) {
            latencyRow(h, l.pipeline(), "written_at − event_time", l.sinceEvent());
            latencyRow(h, l.pipeline(), "written_at − kafka_timestamp", l.sinceKafka());
        }
        h.append("</table></section>\n");
    }

    private static void latencyRow(
            StringBuilder h, String pipeline, String measure, Percentiles p) {
        if (p == null) {
            return;
        }
        h.append("<tr><td>")
                .append(html(pipeline))
                .append("</td><td>")
                .append(measure)
                .append("</td><td>")
                .append(Format.count(p.count()))
                .append("</td><td>")
                .append(Format.seconds(p.p50()))
                .append("</td><td>")
                .append(Format.seconds(p.p95()))
                .append("</td><td>")
                .append(Format.seconds(p.p99()))
                .append("</td><td>")
                .append(Format.seconds(p.max()))
                .append("</td></tr>");
    }
}

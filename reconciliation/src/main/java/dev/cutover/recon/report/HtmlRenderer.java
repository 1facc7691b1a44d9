package dev.cutover.recon.report;

import static dev.cutover.recon.report.Format.html;

import dev.cutover.recon.diff.HourCounts;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code report.html}: the sections of the {@link ReportView} as one self-contained page (inline
 * CSS and SVG, no external asset). Its first screen is enough to decide: the verdict, every table
 * pair in one table, and each pipeline's latency distribution on one chart; the details of each
 * pair, the faults and the gate's checks follow. Explained differences are amber, never red.
 */
public final class HtmlRenderer {
    private static final String[] COLORS = {"#2563eb", "#d97706", "#7c3aed", "#059669"};

    private static final String STYLE =
            "body{font:14px/1.4"
                + " system-ui,sans-serif;margin:0;color:#111;background:#f6f7f9}main{max-width:1200px;margin:0"
                + " auto;padding:16px}.verdict{padding:18px"
                + " 24px;color:#fff;font-size:28px;font-weight:700}"
                + ".pass{background:#15803d}.fail{background:#b91c1c}.verdict"
                + " small{display:block;font-size:14px;font-weight:400;opacity:.9}section{background:#fff;border:1px"
                + " solid #e5e7eb;border-radius:8px;padding:12px 16px;margin:12px"
                + " 0}table{border-collapse:collapse;margin:6px"
                + " 0;display:block;overflow-x:auto;max-width:100%}td,th{border:1px solid"
                + " #e5e7eb;padding:3px 8px;"
                + "text-align:left;vertical-align:top}th{background:#f3f4f6}td.num{text-align:right}"
                + "td.good{color:#15803d}td.explained{background:#fef3c7}td.bad{background:#fee2e2;color:#991b1b;font-weight:700}h2{margin:4px"
                + " 0 8px}h3{margin:10px 0 4px;font-size:15px}.muted{color:#666}";

    private HtmlRenderer() {}

    public static String render(ReconciliationReport report) {
        ReportView view = ReportView.of(report);
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>")
                .append(html(view.title()))
                .append(" — ")
                .append(html(view.verdict()))
                .append("</title><style>")
                .append(STYLE)
                .append("</style></head><body>\n");
        h.append("<div class=\"verdict ")
                .append(view.passed() ? "pass" : "fail")
                .append("\">")
                .append(html(view.verdict()))
                .append(" — ")
                .append(html(view.title()))
                .append("<small>")
                .append(html(String.join(" · ", view.highlights())))
                .append("</small></div>\n<main>\n");
        if (!view.failures().isEmpty()) {
            h.append("<section><h2>Why it fails</h2><ul>");
            view.failures().forEach(f -> h.append("<li>").append(html(f)).append("</li>"));
            h.append("</ul></section>\n");
        }
        h.append("<section><h2>Table pairs</h2>");
        table(h, view.pairs());
        h.append("</section>\n");
        if (!view.latency().isEmpty()) {
            h.append("<section><h2>Latency</h2>");
            latencyChart(h, view.latency().distributions());
            table(h, view.latency().percentiles());
            h.append("</section>\n");
        }
        for (ReportView.Pair pair : view.details()) {
            pair(h, pair);
        }
        if (!view.faults().isEmpty()) {
            h.append("<section><h2>Faults injected</h2>");
            table(h, view.faults());
            h.append("</section>\n");
        }
        h.append("<section><h2>Checks</h2>");
        table(h, view.checks());
        h.append("</section>\n</main></body></html>\n");
        return h.toString();
    }

    private static void pair(StringBuilder h, ReportView.Pair pair) {
        h.append("<section><h2>")
                .append(html(pair.name()))
                .append("</h2><p class=\"muted\">")
                .append(html(pair.description()))
                .append("</p>");
        subtable(h, "Explained differences", pair.explained());
        if (!pair.columnMismatches().isEmpty()) {
            bars(h, pair.columnMismatches());
        }
        if (!pair.hours().isEmpty()) {
            hourStrip(h, pair.hours());
        }
        subtable(h, "Sample mismatching values", pair.mismatches());
        if (pair.aggregatesSummary() != null) {
            h.append("<h3>").append(html(pair.aggregatesSummary())).append("</h3>");
            table(h, pair.aggregates());
        }
        subtable(h, "Rows only in left", pair.onlyInLeft());
        subtable(h, "Rows only in right", pair.onlyInRight());
        h.append("</section>\n");
    }

    private static void subtable(StringBuilder h, String title, ReportView.Table table) {
        if (!table.isEmpty()) {
            h.append("<h3>").append(html(title)).append("</h3>");
            table(h, table);
        }
    }

    private static void table(StringBuilder h, ReportView.Table table) {
        if (table.isEmpty()) {
            return;
        }
        h.append("<table><tr>");
        table.headers().forEach(name -> h.append("<th>").append(html(name)).append("</th>"));
        h.append("</tr>");
        for (List<ReportView.Cell> row : table.rows()) {
            h.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                ReportView.Cell cell = row.get(i);
                String cls =
                        (table.numeric().get(i) ? "num " : "")
                                + switch (cell.tone()) {
                                    case GOOD -> "good";
                                    case EXPLAINED -> "explained";
                                    case BAD -> "bad";
                                    case PLAIN -> "";
                                };
                h.append(cls.isBlank() ? "<td>" : "<td class=\"" + cls.strip() + "\">")
                        .append(html(cell.text()))
                        .append("</td>");
            }
            h.append("</tr>");
        }
        h.append("</table>");
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

    private static void latencyChart(StringBuilder h, List<ReportView.Series> latency) {
        double lo = Double.MAX_VALUE;
        double hi = 0;
        for (ReportView.Series l : latency) {
            for (CdfPoint p : l.points()) {
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
        h.append("<h3>written_at − event_time, share of rows within (log scale)</h3>")
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
            ReportView.Series l = latency.get(i);
            String color = COLORS[i % COLORS.length];
            StringBuilder points = new StringBuilder();
            for (CdfPoint p : l.points()) {
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
                                    html(l.name())));
            legendY += 18;
        }
        h.append("<text x=\"")
                .append(left + (int) plot / 2)
                .append("\" y=\"")
                .append(ht - 4)
                .append(
                        "\" font-size=\"12\" text-anchor=\"middle\">latency (log"
                                + " scale)</text></svg>");
    }
}

package dev.cutover.recon.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.recon.diff.DiffResult;

/**
 * The summary {@code --json} writes. One table pair: its counts at the top level. Always: {@code
 * verdict}, {@code unexplained} (all pairs), {@code failures} and {@code tables} (each pair's
 * counts).
 */
public final class SummaryJson {
    private SummaryJson() {}

    public static ObjectNode of(ReconciliationReport report) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        if (report.comparisons().size() == 1) {
            root.setAll(table(report, report.comparisons().get(0)));
        }
        root.put("unexplained", report.unexplained());
        root.put("verdict", report.verdict());
        ArrayNode failures = root.putArray("failures");
        report.failures().forEach(failures::add);
        ArrayNode tables = root.putArray("tables");
        report.comparisons().forEach(c -> tables.add(table(report, c)));
        return root;
    }

    static ObjectNode table(ReconciliationReport report, TableComparison comparison) {
        DiffResult r = comparison.result();
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("name", comparison.name());
        node.put("mode", r.mode());
        node.putObject("left").put("table", comparison.leftTable()).put("rows", r.leftRows());
        node.putObject("right").put("table", comparison.rightTable()).put("rows", r.rightRows());
        node.put("matched_rows", r.matchedRows());
        node.put("mismatched_rows", r.mismatchedRows());
        node.put("only_in_left", r.onlyInLeft());
        node.put("only_in_right", r.onlyInRight());
        node.put("duplicate_keys_left", r.duplicateKeysLeft());
        node.put("duplicate_keys_right", r.duplicateKeysRight());
        node.put("null_keys_left", r.nullKeysLeft());
        node.put("null_keys_right", r.nullKeysRight());
        ObjectNode columns = node.putObject("column_mismatches");
        r.columnMismatches().forEach(columns::put);
        ObjectNode explained = node.putObject("explained");
        r.explained().forEach(explained::put);
        node.put("unexplained", r.unexplained());
        node.put("unexplained_mismatched", r.unexplainedMismatched());
        node.put("unexplained_only_in_left", r.unexplainedOnlyInLeft());
        node.put("unexplained_only_in_right", r.unexplainedOnlyInRight());
        boolean passed =
                report.checks().stream()
                        .filter(c -> c.suite().equals(comparison.name()))
                        .allMatch(Check::passed);
        node.put("verdict", passed ? ReconciliationReport.PASS : ReconciliationReport.FAIL);
        return node;
    }
}

package dev.cutover.recon.report;

import dev.cutover.recon.diff.AggregateResult;
import dev.cutover.recon.diff.DiffResult;
import java.util.List;
import java.util.Map;

/**
 * One compared table pair.
 *
 * @param leftUrl the left database's URL, redacted (no query string, no user info)
 * @param aggregates per-group aggregates, or null when none were asked for
 */
public record TableComparison(
        String name,
        String table,
        String leftTable,
        String rightTable,
        String leftUrl,
        String rightUrl,
        List<String> keys,
        List<String> columns,
        Map<String, String> tolerances,
        double seconds,
        DiffResult result,
        AggregateResult aggregates) {}

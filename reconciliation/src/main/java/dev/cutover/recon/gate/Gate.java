package dev.cutover.recon.gate;

import dev.cutover.recon.diff.CellDiff;
import dev.cutover.recon.diff.DiffResult;
import dev.cutover.recon.diff.HourCounts;
import dev.cutover.recon.report.Check;
import dev.cutover.recon.report.PipelineLatency;
import dev.cutover.recon.report.TableComparison;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Applies a {@link GatePolicy} to what a run found: one {@link Check} per rule and table pair.
 * Difference limits count unexplained differences only ({@link Thresholds}); explained ones fail a
 * check only under an explicit {@code max_explained_rate}.
 */
public final class Gate {
    public static final String STREAM = "stream";

    /** How many unexplained rows a failed check names. */
    static final int EXAMPLES = 3;

    private Gate() {}

    public static List<Check> evaluate(
            GatePolicy policy,
            List<TableComparison> comparisons,
            List<PipelineLatency> latency,
            Integer cleanHours) {
        List<Check> checks = new ArrayList<>();
        for (TableComparison comparison : comparisons) {
            Thresholds limits = policy.forTable(comparison.name(), comparison.table());
            DiffResult result = comparison.result();
            String suite = comparison.name();
            if (limits.maxUnexplained() != null) {
                long unexplained = result.unexplained();
                checks.add(
                        new Check(
                                suite,
                                "unexplained differences",
                                unexplained <= limits.maxUnexplained(),
                                unexplained
                                        + " unexplained (max_unexplained "
                                        + limits.maxUnexplained()
                                        + ")"
                                        + breakdown(result)));
                for (HourCounts hour : result.hours()) {
                    checks.add(
                            new Check(
                                    suite,
                                    "hour " + hour.hour(),
                                    hour.unexplained() <= limits.maxUnexplained(),
                                    hour.matched()
                                            + " matched, "
                                            + hour.explained()
                                            + " explained, "
                                            + hour.unexplained()
                                            + " unexplained"));
                }
            }
            limit(
                    checks,
                    suite,
                    "unexplained only in left",
                    result.unexplainedOnlyInLeft(),
                    result.onlyInLeft(),
                    "only in left",
                    limits.maxOnlyInLeft(),
                    "max_only_in_left");
            limit(
                    checks,
                    suite,
                    "unexplained only in right",
                    result.unexplainedOnlyInRight(),
                    result.onlyInRight(),
                    "only in right",
                    limits.maxOnlyInRight(),
                    "max_only_in_right");
            if (limits.maxMismatchRate() != null) {
                double rate = result.unexplainedMismatchRate();
                checks.add(
                        new Check(
                                suite,
                                "unexplained mismatch rate",
                                rate <= limits.maxMismatchRate(),
                                String.format(
                                        Locale.ROOT,
                                        "%.6f: %d unexplained of %d mismatched, %d rows on both"
                                                + " sides (max_mismatch_rate %s)",
                                        rate,
                                        result.unexplainedMismatched(),
                                        result.mismatchedRows(),
                                        result.matchedRows() + result.mismatchedRows(),
                                        limits.maxMismatchRate())));
            }
            if (limits.maxExplainedRate() != null) {
                double rate = result.explainedRate();
                checks.add(
                        new Check(
                                suite,
                                "explained rate",
                                rate <= limits.maxExplainedRate(),
                                String.format(
                                        Locale.ROOT,
                                        "%.6f: %d explained of %d rows on the larger side"
                                                + " (max_explained_rate %s)",
                                        rate,
                                        result.explainedTotal(),
                                        Math.max(result.leftRows(), result.rightRows()),
                                        limits.maxExplainedRate())));
            }
            if (limits.minRows() != null) {
                long rows = Math.min(result.leftRows(), result.rightRows());
                checks.add(
                        new Check(
                                suite,
                                "min rows",
                                rows >= limits.minRows(),
                                rows
                                        + " rows on the smaller side (min_rows "
                                        + limits.minRows()
                                        + ")"));
            }
        }
        Thresholds defaults = policy.defaults();
        if (defaults.streamLatencyP99Max() != null) {
            PipelineLatency stream =
                    latency.stream()
                            .filter(l -> l.pipeline().equals(STREAM))
                            .findFirst()
                            .orElse(null);
            double max = defaults.streamLatencyP99Max().toNanos() / 1e9;
            if (stream == null || stream.wallSinceKafka() == null) {
                checks.add(new Check("latency", "stream p99", false, "no stream latency measured"));
            } else {
                double p99 = stream.wallSinceKafka().p99();
                checks.add(
                        new Check(
                                "latency",
                                "stream p99",
                                p99 <= max,
                                String.format(
                                        Locale.ROOT,
                                        "stream p99 (written_at − kafka_timestamp, wall clock)"
                                                + " %.3f s (stream_latency_p99_max %.3f s)",
                                        p99,
                                        max)));
            }
        }
        if (defaults.requireCleanHours() != null) {
            int clean = cleanHours == null ? 0 : cleanHours;
            checks.add(
                    new Check(
                            "history",
                            "clean hours",
                            clean >= defaults.requireCleanHours(),
                            clean
                                    + " consecutive clean hours (require_clean_hours "
                                    + defaults.requireCleanHours()
                                    + (cleanHours == null ? "; needs --history" : "")
                                    + ")"));
        }
        return checks;
    }

    /** A limit on the unexplained rows of one kind; the message gives all rows of that kind. */
    private static void limit(
            List<Check> checks,
            String suite,
            String name,
            long unexplained,
            long all,
            String kind,
            Long max,
            String key) {
        if (max != null) {
            checks.add(
                    new Check(
                            suite,
                            name,
                            unexplained <= max,
                            unexplained
                                    + " unexplained of "
                                    + all
                                    + " "
                                    + kind
                                    + " ("
                                    + key
                                    + " "
                                    + max
                                    + ")"));
        }
    }

    /** What the unexplained differences are, then what was explained (and why). */
    private static String breakdown(DiffResult result) {
        if (result.differences() == 0) {
            return "";
        }
        Map<String, Long> unexplained = new LinkedHashMap<>();
        unexplained.put("mismatched", result.unexplainedMismatched());
        unexplained.put("only in left", result.unexplainedOnlyInLeft());
        unexplained.put("only in right", result.unexplainedOnlyInRight());
        long duplicateKeys =
                result.unexplained()
                        - result.unexplainedMismatched()
                        - result.unexplainedOnlyInLeft()
                        - result.unexplainedOnlyInRight()
                        - result.nullKeysLeft()
                        - result.nullKeysRight();
        unexplained.put("duplicate keys", duplicateKeys);
        unexplained.put("null keys", result.nullKeysLeft() + result.nullKeysRight());
        String text = ": " + join(unexplained);
        List<String> examples = unexplainedExamples(result);
        if (!examples.isEmpty()) {
            text += " (e.g. " + String.join("; ", examples) + ")";
        }
        if (!result.explained().isEmpty()) {
            text += "; explained: " + join(result.explained());
        }
        return text;
    }

    /** Up to {@link #EXAMPLES} unexplained rows from the samples, by key, for the FAIL line. */
    private static List<String> unexplainedExamples(DiffResult result) {
        List<String> examples = new ArrayList<>();
        result.mismatches().stream()
                .filter(m -> m.cause() == null)
                .forEach(
                        m ->
                                examples.add(
                                        key(m.key())
                                                + " differs in "
                                                + m.cells().stream()
                                                        .filter(CellDiff::differs)
                                                        .map(CellDiff::column)
                                                        .collect(Collectors.joining(", "))));
        result.onlyInLeftSamples().stream()
                .filter(r -> r.cause() == null)
                .forEach(r -> examples.add(key(r.key()) + " only in left"));
        result.onlyInRightSamples().stream()
                .filter(r -> r.cause() == null)
                .forEach(r -> examples.add(key(r.key()) + " only in right"));
        return examples.subList(0, Math.min(EXAMPLES, examples.size()));
    }

    private static String key(Map<String, String> key) {
        return key.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
    }

    private static String join(Map<String, Long> parts) {
        String joined =
                parts.entrySet().stream()
                        .filter(e -> e.getValue() > 0)
                        .map(e -> e.getKey() + " " + e.getValue())
                        .collect(Collectors.joining(", "));
        return joined.isEmpty() ? "none" : joined;
    }

    /** The failed checks' messages, each prefixed with its suite and name. */
    public static List<String> failures(List<Check> checks) {
        return checks.stream()
                .filter(c -> !c.passed())
                .map(c -> c.suite() + ": " + c.name() + ": " + c.message())
                .toList();
    }
}

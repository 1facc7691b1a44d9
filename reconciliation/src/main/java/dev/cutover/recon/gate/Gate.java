package dev.cutover.recon.gate;

import dev.cutover.recon.diff.DiffResult;
import dev.cutover.recon.diff.HourCounts;
import dev.cutover.recon.report.Check;
import dev.cutover.recon.report.PipelineLatency;
import dev.cutover.recon.report.TableComparison;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Applies a {@link GatePolicy} to what a run found: one {@link Check} per rule and table pair. */
public final class Gate {
    public static final String STREAM = "stream";

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
                    "only in left",
                    result.onlyInLeft(),
                    limits.maxOnlyInLeft(),
                    "max_only_in_left");
            limit(
                    checks,
                    suite,
                    "only in right",
                    result.onlyInRight(),
                    limits.maxOnlyInRight(),
                    "max_only_in_right");
            if (limits.maxMismatchRate() != null) {
                double rate = result.mismatchRate();
                checks.add(
                        new Check(
                                suite,
                                "mismatch rate",
                                rate <= limits.maxMismatchRate(),
                                String.format(
                                        Locale.ROOT,
                                        "%.6f mismatch rate (max_mismatch_rate %s)",
                                        rate,
                                        limits.maxMismatchRate())));
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

    private static void limit(
            List<Check> checks, String suite, String name, long value, Long max, String key) {
        if (max != null) {
            checks.add(new Check(suite, name, value <= max, value + " (" + key + " " + max + ")"));
        }
    }

    private static String breakdown(DiffResult result) {
        if (result.differences() == 0) {
            return "";
        }
        Map<String, Long> parts = new java.util.LinkedHashMap<>();
        parts.put("mismatched", result.mismatchedRows());
        parts.put("only in left", result.onlyInLeft());
        parts.put("only in right", result.onlyInRight());
        parts.put("duplicate keys", result.duplicateKeysLeft() + result.duplicateKeysRight());
        parts.put("null keys", result.nullKeysLeft() + result.nullKeysRight());
        result.explained().forEach((cause, n) -> parts.put("explained " + cause, n));
        return ": "
                + parts.entrySet().stream()
                        .filter(e -> e.getValue() > 0)
                        .map(e -> e.getKey() + " " + e.getValue())
                        .collect(Collectors.joining(", "));
    }

    /** The failed checks' messages, each prefixed with its suite and name. */
    public static List<String> failures(List<Check> checks) {
        return checks.stream()
                .filter(c -> !c.passed())
                .map(c -> c.suite() + ": " + c.name() + ": " + c.message())
                .toList();
    }
}

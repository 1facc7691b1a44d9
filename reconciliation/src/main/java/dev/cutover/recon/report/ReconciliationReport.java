package dev.cutover.recon.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.List;

/**
 * Everything one run found: the typed object every renderer reads.
 *
 * @param verdict {@code PASS} or {@code FAIL}
 * @param failures the failed checks' messages, in order
 * @param freshnessGain batch p50 / stream p50 of {@code written_at − event_time}, or null
 * @param cleanHours consecutive latest hours without unexplained differences (with history), or
 *     null
 */
public record ReconciliationReport(
        String title,
        Instant generatedAt,
        String verdict,
        List<String> failures,
        List<TableComparison> comparisons,
        List<Check> checks,
        List<PipelineLatency> latency,
        Double freshnessGain,
        Integer cleanHours) {

    public static final String PASS = "PASS";
    public static final String FAIL = "FAIL";

    @JsonIgnore
    public boolean passed() {
        return PASS.equals(verdict);
    }

    @JsonIgnore
    public long unexplained() {
        return comparisons.stream().mapToLong(c -> c.result().unexplained()).sum();
    }
}

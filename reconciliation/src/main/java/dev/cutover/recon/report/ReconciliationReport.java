package dev.cutover.recon.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
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
 * @param faults the faults a chaos run injected, in order (empty otherwise, and then left out of
 *     the JSON)
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
        Integer cleanHours,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<InjectedFault> faults) {

    public static final String PASS = "PASS";
    public static final String FAIL = "FAIL";

    public ReconciliationReport {
        faults = faults == null ? List.of() : List.copyOf(faults);
    }

    /** A report without injected faults. */
    public ReconciliationReport(
            String title,
            Instant generatedAt,
            String verdict,
            List<String> failures,
            List<TableComparison> comparisons,
            List<Check> checks,
            List<PipelineLatency> latency,
            Double freshnessGain,
            Integer cleanHours) {
        this(
                title,
                generatedAt,
                verdict,
                failures,
                comparisons,
                checks,
                latency,
                freshnessGain,
                cleanHours,
                List.of());
    }

    /** The same report listing the faults a chaos run injected. */
    public ReconciliationReport withFaults(List<InjectedFault> injected) {
        return new ReconciliationReport(
                title,
                generatedAt,
                verdict,
                failures,
                comparisons,
                checks,
                latency,
                freshnessGain,
                cleanHours,
                injected);
    }

    @JsonIgnore
    public boolean passed() {
        return PASS.equals(verdict);
    }

    @JsonIgnore
    public long unexplained() {
        return comparisons.stream().mapToLong(c -> c.result().unexplained()).sum();
    }
}

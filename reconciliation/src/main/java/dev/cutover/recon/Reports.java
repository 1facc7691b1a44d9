package dev.cutover.recon;

import dev.cutover.recon.gate.Gate;
import dev.cutover.recon.gate.GatePolicy;
import dev.cutover.recon.history.RunHistory;
import dev.cutover.recon.report.Check;
import dev.cutover.recon.report.PipelineLatency;
import dev.cutover.recon.report.ReconciliationReport;
import dev.cutover.recon.report.TableComparison;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Turns what a run found into the typed report: gate checks, verdict, burn-in from history. */
public final class Reports {
    public static final String TITLE = "Cutover reconciliation";

    private Reports() {}

    public static ReconciliationReport build(
            Instant startedAt,
            List<TableComparison> comparisons,
            List<PipelineLatency> latency,
            Double freshnessGain,
            GatePolicy policy,
            Optional<RunHistory> history) {
        ReconciliationReport draft =
                new ReconciliationReport(
                        TITLE,
                        startedAt,
                        ReconciliationReport.PASS,
                        List.of(),
                        comparisons,
                        List.of(),
                        latency,
                        freshnessGain,
                        null);
        Integer cleanHours = history.map(h -> h.cleanHours(RunHistory.hours(draft))).orElse(null);
        List<Check> checks = Gate.evaluate(policy, comparisons, latency, cleanHours);
        List<String> failures = Gate.failures(checks);
        ReconciliationReport report =
                new ReconciliationReport(
                        TITLE,
                        startedAt,
                        failures.isEmpty() ? ReconciliationReport.PASS : ReconciliationReport.FAIL,
                        failures,
                        comparisons,
                        checks,
                        latency,
                        freshnessGain,
                        cleanHours);
        history.ifPresent(h -> h.record(report, startedAt));
        return report;
    }
}

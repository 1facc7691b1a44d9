package dev.cutover.cli.parity;

import dev.cutover.cli.progress.Progress;
import dev.cutover.parity.ParityWorkflow;
import dev.cutover.recon.report.ReconciliationReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;

/** What {@code demo} and {@code run} print: the progress line, and the summary at the end. */
public final class ParityOutput {
    private ParityOutput() {}

    /**
     * {@code generating | generated 5400/6000 (998/s) | stream rows 5210, lag 120 | batch 1/2 hours
     * | 1m12s}.
     */
    public static String progressLine(ParityWorkflow.Status s) {
        StringBuilder line = new StringBuilder(s.phase().label());
        if (s.generated().isPresent()) {
            line.append(
                    String.format(
                            " | generated %d/%d (%.0f/s)",
                            s.generated().getAsLong(), s.target().orElse(0), s.recordsPerSecond()));
        }
        line.append(" | stream rows ").append(s.streamRows());
        s.lag().ifPresent(records -> line.append(", lag ").append(records));
        line.append(" | batch ")
                .append(s.batchHoursDone())
                .append('/')
                .append(s.batchHours())
                .append(" hours | ")
                .append(Progress.duration(s.elapsed().toSeconds()));
        return line.toString();
    }

    /** Runs {@code workflow}, showing its progress on {@code err} while it runs. */
    public static ParityWorkflow.Outcome run(
            ParityWorkflow workflow, boolean keepStream, PrintWriter err, Duration interval)
            throws Exception {
        try (Progress progress =
                Progress.start(() -> progressLine(workflow.status()), err, interval)) {
            return workflow.run(keepStream);
        }
    }

    /** The verdict, unexplained differences, freshness, failures, elapsed time and the report. */
    public static void printSummary(
            PrintWriter out, ReconciliationReport report, Path reportDir, Duration elapsed) {
        out.println("verdict: " + report.verdict());
        out.println("unexplained differences: " + report.unexplained());
        out.println(
                "freshness gain: "
                        + (report.freshnessGain() == null
                                ? "n/a"
                                : String.format(
                                        "x%.0f (batch p50 / stream p50)", report.freshnessGain())));
        report.failures().forEach(f -> out.println("FAIL " + f));
        out.println("elapsed: " + Progress.duration(elapsed.toSeconds()));
        out.println("report: " + reportDir.resolve("report.html").toAbsolutePath().normalize());
        out.flush();
    }
}

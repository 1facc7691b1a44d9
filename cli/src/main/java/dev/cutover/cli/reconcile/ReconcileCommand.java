package dev.cutover.cli.reconcile;

import dev.cutover.cli.options.DurationOption;
import dev.cutover.cli.options.TargetOptions;
import dev.cutover.contract.CutoverException;
import dev.cutover.contract.Defaults;
import dev.cutover.contract.ExitCode;
import dev.cutover.recon.ReconException;
import dev.cutover.recon.Reconciler;
import dev.cutover.recon.Reports;
import dev.cutover.recon.compare.Tolerances;
import dev.cutover.recon.db.ConnectionSpec;
import dev.cutover.recon.db.TableRef;
import dev.cutover.recon.diff.DiffRequest;
import dev.cutover.recon.diff.Mode;
import dev.cutover.recon.gate.GatePolicy;
import dev.cutover.recon.history.RunHistory;
import dev.cutover.recon.parity.ParityRun;
import dev.cutover.recon.report.ReconciliationReport;
import dev.cutover.recon.report.ReportWriter;
import dev.cutover.recon.report.TableComparison;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cutover reconcile}: compares two tables (or, with {@code --parity}, the pipelines' output
 * tables), writes the reports, applies the gate and exits 0 (pass) or 1 (fail).
 */
@Command(
        name = "reconcile",
        mixinStandardHelpOptions = true,
        description = {
            "Compares two tables by key (or the pipelines with --parity) and gates on the result.",
            "Exit codes: 0 pass, 1 parity fails the policy, 2 bad input, 3 infrastructure."
        })
public final class ReconcileCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    /** Each full-diff thread holds two database connections and a few batches of rows. */
    private static final int MAX_THREADS = 64;

    @Mixin TargetOptions target;

    @Option(
            names = "--left-url",
            paramLabel = "JDBC",
            description = "Left database (default: --jdbc-url).")
    String leftUrl;

    @Option(
            names = "--right-url",
            paramLabel = "JDBC",
            description = "Right database (default: the left one).")
    String rightUrl;

    @Option(names = "--left-table", paramLabel = "S.T", description = "Left table, schema.table.")
    String leftTable;

    @Option(names = "--right-table", paramLabel = "S.T", description = "Right table, schema.table.")
    String rightTable;

    @Option(
            names = "--key",
            split = ",",
            paramLabel = "COLS",
            description = "Key columns (composite: a,b).")
    List<String> keys = new ArrayList<>();

    @Option(
            names = "--columns",
            split = ",",
            paramLabel = "COLS",
            description = "Columns to compare (default: all common columns).")
    List<String> columns = new ArrayList<>();

    @Option(
            names = "--ignore",
            split = ",",
            paramLabel = "COLS",
            description = "Columns never compared.")
    List<String> ignore = new ArrayList<>();

    @Option(
            names = "--map",
            paramLabel = "LEFT=RIGHT",
            description = "Left column name = right column name, where they differ.")
    Map<String, String> map = new LinkedHashMap<>();

    @Option(
            names = "--where-left",
            paramLabel = "SQL",
            description = "Filter of the left rows (SQL predicate, run read-only).")
    String whereLeft;

    @Option(
            names = "--where-right",
            paramLabel = "SQL",
            description = "Filter of the right rows (SQL predicate, run read-only).")
    String whereRight;

    @Option(
            names = "--tolerance",
            paramLabel = "COL=SPEC",
            description = "Per-column tolerance: 0.01, rel:0.0001 or a duration such as 1ms.")
    List<String> tolerances = new ArrayList<>();

    @Option(
            names = "--mode",
            paramLabel = "MODE",
            defaultValue = "auto",
            description =
                    "full, checksum, join (both tables in one database, unique keys) or auto:"
                            + " full below 1M rows, else checksum"
                            + " (default: ${DEFAULT-VALUE}).")
    Mode mode;

    @Option(
            names = "--threads",
            paramLabel = "N",
            defaultValue = "0",
            description =
                    "Key-space parts the full diff merges at once, with --parity too (default: 0,"
                            + " the number of CPUs).")
    int threads;

    @Option(
            names = "--aggregate-by",
            paramLabel = "COL",
            description = "Also compare count/sum/min/max per group of this column.")
    String aggregateBy;

    @Option(
            names = "--samples",
            paramLabel = "N",
            defaultValue = "20",
            description = "Sample rows kept per kind of difference (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(
            names = "--parity",
            description = "Compare stream.* with batch.* and each with truth.* on --jdbc-url.")
    boolean parity;

    @Option(
            names = "--grace",
            paramLabel = "DURATION",
            defaultValue = Defaults.GRACE_TEXT,
            description =
                    "The batch's grace after each hour, e.g. 10m or PT10M (parity; default:"
                            + " ${DEFAULT-VALUE}).")
    String grace;

    @Option(
            names = "--policy",
            paramLabel = "FILE",
            description = "Gate policy (YAML); default: fail on any unexplained difference.")
    Path policy;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the summary as JSON.")
    Path json;

    @Option(
            names = "--report-dir",
            paramLabel = "DIR",
            description = "Write report.html, report.md, report.json and junit.xml.")
    Path reportDir;

    @Option(
            names = "--history",
            description =
                    "Record the run in cutover.reconciliation_runs (enables require_clean_hours).")
    boolean history;

    @Override
    public Integer call() {
        try {
            return run();
        } catch (ReconException e) {
            throw new CutoverException(
                    e.kind() == ReconException.Kind.BAD_INPUT
                            ? ExitCode.BAD_INPUT
                            : ExitCode.INFRASTRUCTURE,
                    e.getMessage(),
                    e);
        }
    }

    private int run() {
        PrintWriter out = spec.commandLine().getOut();
        Instant started = Instant.now();
        GatePolicy gate = policy == null ? GatePolicy.standard() : GatePolicy.load(policy);
        String user = target.jdbcUser();
        String password = target.jdbcPassword().orElse(null);
        String leftJdbc =
                leftUrl != null ? leftUrl : target.hasDatabase() ? target.jdbcUrl() : null;
        if (leftJdbc == null) {
            throw CutoverException.badInput(
                    "missing --left-url or --jdbc-url (or environment variable JDBC_URL)");
        }
        if (threads < 0 || threads > MAX_THREADS) {
            throw CutoverException.badInput(
                    "--threads must be between 0 and " + MAX_THREADS + ", not " + threads);
        }
        ConnectionSpec left = new ConnectionSpec(leftJdbc, user, password);
        List<TableComparison> comparisons;
        ParityRun.Result parityResult = null;
        if (parity) {
            if (leftTable != null || rightTable != null || !keys.isEmpty()) {
                throw CutoverException.badInput(
                        "--parity compares the output tables: drop --left-table, --right-table and"
                                + " --key");
            }
            Duration graceDuration = DurationOption.parse("--grace", grace);
            ParityRun.Options options =
                    new ParityRun.Options(
                                    left,
                                    graceDuration,
                                    mode,
                                    samples,
                                    ParityRun.Options.of(left, graceDuration).schemas())
                            .withThreads(threads);
            parityResult = ParityRun.run(options);
            comparisons = parityResult.comparisons();
        } else {
            if (keys.isEmpty()) {
                throw CutoverException.badInput("missing --key (the key columns)");
            }
            ConnectionSpec right =
                    rightUrl == null ? left : new ConnectionSpec(rightUrl, user, password);
            DiffRequest request =
                    DiffRequest.of(
                                    left,
                                    TableRef.parse(leftTable, "--left-table"),
                                    TableRef.parse(rightTable, "--right-table"),
                                    keys)
                            .withRightConnection(right)
                            .withColumns(columns, ignore)
                            .withMap(map)
                            .withWhere(whereLeft, whereRight)
                            .withTolerances(Tolerances.parse(tolerances))
                            .withMode(mode)
                            .withSamples(samples)
                            .withAggregateBy(aggregateBy)
                            .withThreads(threads);
            comparisons = List.of(Reconciler.compare(request));
        }
        Optional<RunHistory> runs =
                history ? Optional.of(new RunHistory(left).migrate()) : Optional.empty();
        ReconciliationReport report =
                Reports.build(
                        started,
                        comparisons,
                        parityResult == null ? List.of() : parityResult.latency(),
                        parityResult == null ? null : parityResult.freshnessGain(),
                        gate,
                        runs);
        if (json != null) {
            ReportWriter.writeSummary(report, json);
        }
        if (reportDir != null) {
            ReportWriter.write(report, reportDir);
        }
        for (TableComparison c : report.comparisons()) {
            out.printf(
                    "%s: %d/%d rows, %d matched, %d mismatched, %d only left, %d only right, %d"
                        + " duplicate keys, %d null keys, %d explained, %d unexplained (%s, %.2f"
                        + " s)%n",
                    c.name(),
                    c.result().leftRows(),
                    c.result().rightRows(),
                    c.result().matchedRows(),
                    c.result().mismatchedRows(),
                    c.result().onlyInLeft(),
                    c.result().onlyInRight(),
                    c.result().duplicateKeysLeft() + c.result().duplicateKeysRight(),
                    c.result().nullKeysLeft() + c.result().nullKeysRight(),
                    c.result().explainedTotal(),
                    c.result().unexplained(),
                    c.result().mode(),
                    c.seconds());
        }
        report.failures().forEach(f -> out.println("FAIL " + f));
        out.println(report.verdict());
        out.flush();
        return report.passed() ? 0 : 1;
    }
}

package dev.cutover.cli.bench;

import dev.cutover.contract.CutoverException;
import dev.cutover.contract.ExitCode;
import dev.cutover.recon.ReconException;
import dev.cutover.recon.bench.CpuSeconds;
import dev.cutover.recon.bench.ReconBenchmark;
import dev.cutover.recon.db.ConnectionSpec;
import dev.cutover.recon.diff.FullDiff;
import dev.cutover.recon.report.Json;
import dev.cutover.stack.EmbeddedStack;
import dev.cutover.stack.Service;
import dev.cutover.stack.StackOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cutover bench recon}: builds two N-row tables with D planted differences in the embedded
 * PostgreSQL and times the full diff, the checksum diff and PostgreSQL's {@code EXCEPT ALL}.
 */
@Command(
        name = "recon",
        mixinStandardHelpOptions = true,
        description =
                "Times reconcile's full and checksum diffs against PostgreSQL's EXCEPT ALL on two"
                        + " N-row tables with D planted differences (embedded PostgreSQL, or"
                        + " --jdbc-url).")
public final class ReconBenchCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
            names = "--rows",
            paramLabel = "N",
            defaultValue = "1000000",
            description = "Rows per table (default: ${DEFAULT-VALUE}).")
    long rows;

    @Option(
            names = "--diffs",
            paramLabel = "D",
            defaultValue = "100",
            description = "Planted differences (default: ${DEFAULT-VALUE}).")
    long diffs;

    @Option(
            names = "--threads",
            paramLabel = "N",
            defaultValue = "0",
            description =
                    "Threads of the multi-threaded full diff (default: 0, the number of CPUs);"
                            + " the full diff is also timed on 1 thread.")
    int threads;

    @Option(
            names = "--repeats",
            paramLabel = "R",
            defaultValue = "1",
            description =
                    "Times the full, the checksum and the join diff each run (medians reported;"
                            + " default:"
                            + " ${DEFAULT-VALUE}).")
    int repeats;

    @Option(
            names = "--methods",
            paramLabel = "M",
            split = ",",
            defaultValue = "FULL,CHECKSUM,JOIN,EXCEPT_ALL",
            description = "What to time, of ${COMPLETION-CANDIDATES} (default: all).")
    List<ReconBenchmark.Method> methods = new ArrayList<>();

    @Option(
            names = "--jdbc-url",
            paramLabel = "URL",
            description =
                    "Use this PostgreSQL (schema bench; user and password from JDBC_USER and"
                            + " JDBC_PASSWORD) instead of starting the embedded one; the tables"
                            + " are kept.")
    String jdbcUrl;

    @Option(
            names = "--reuse",
            description =
                    "With --jdbc-url: reuse the tables an earlier run built with the same --rows"
                            + " and --diffs (building 25M rows takes minutes).")
    boolean reuse;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the figures as JSON.")
    Path json;

    /** Issue 17's goals, printed next to the figures: the diff's time over EXCEPT ALL's. */
    static final double CHECKSUM_GOAL = 0.05;

    static final double FULL_GOAL = 0.3;

    @Override
    public Integer call() throws IOException {
        if (rows < 1 || diffs < 0 || diffs > rows) {
            throw CutoverException.badInput("--rows must be ≥ 1 and --diffs between 0 and --rows");
        }
        if (threads < 0 || repeats < 1) {
            throw CutoverException.badInput("--threads must be ≥ 0 and --repeats ≥ 1");
        }
        if (reuse && jdbcUrl == null) {
            throw CutoverException.badInput("--reuse needs --jdbc-url (the embedded one is new)");
        }
        int fullThreads = threads == 0 ? FullDiff.defaultThreads() : threads;
        PrintWriter out = spec.commandLine().getOut();
        ReconBenchmark.Options options =
                new ReconBenchmark.Options(
                        "bench",
                        rows,
                        diffs,
                        fullThreads,
                        repeats,
                        reuse,
                        methods.isEmpty()
                                ? EnumSet.noneOf(ReconBenchmark.Method.class)
                                : EnumSet.copyOf(methods));
        ReconBenchmark.Result result;
        try {
            if (jdbcUrl != null) {
                ConnectionSpec db =
                        new ConnectionSpec(
                                jdbcUrl,
                                System.getenv().getOrDefault("JDBC_USER", "postgres"),
                                System.getenv("JDBC_PASSWORD"));
                result = ReconBenchmark.run(db, options);
            } else {
                try (EmbeddedStack stack =
                        EmbeddedStack.start(
                                StackOptions.defaults().withServices(Service.POSTGRES))) {
                    ConnectionSpec db =
                            new ConnectionSpec(
                                    stack.jdbcUrl(), stack.jdbcUser(), stack.jdbcPassword());
                    result = ReconBenchmark.run(db, options);
                }
            }
        } catch (ReconException e) {
            throw new CutoverException(
                    e.kind() == ReconException.Kind.BAD_INPUT
                            ? ExitCode.BAD_INPUT
                            : ExitCode.INFRASTRUCTURE,
                    e.getMessage(),
                    e);
        }
        out.printf(
                Locale.ROOT,
                "rows=%d diffs=%d load_s=%.2f full_s=%s (%d threads) full_1_thread_s=%s"
                        + " checksum_s=%s join_s=%s except_all_s=%s full/except_all=%s"
                        + " checksum/except_all=%s join/except_all=%s found: full=%s checksum=%s"
                        + " join=%s except_all_rows=%s%n",
                result.rows(),
                result.diffs(),
                result.loadS(),
                result.fullS(),
                result.threads(),
                result.fullOneThreadS(),
                result.checksumS(),
                result.joinS(),
                result.exceptAllS(),
                result.fullOverExceptAll(),
                result.checksumOverExceptAll(),
                result.joinOverExceptAll(),
                result.fullDifferences(),
                result.checksumDifferences(),
                result.joinDifferences(),
                result.exceptAllRows());
        printCpu(out, "full (" + result.threads() + " threads)", result.fullCpu());
        printCpu(out, "checksum", result.checksumCpu());
        printCpu(out, "join", result.joinCpu());
        if (result.exceptAllCpu() != null) {
            printCpu(out, "EXCEPT ALL", List.of(result.exceptAllCpu()));
        }
        out.printf(
                Locale.ROOT,
                "goals: checksum/except_all <= %.2f, an exact diff (full or join)/except_all <="
                        + " %.2f (load average %s)%n",
                CHECKSUM_GOAL,
                FULL_GOAL,
                loadAverage());
        out.flush();
        if (json != null) {
            Files.writeString(json, Json.MAPPER.writeValueAsString(result) + "\n");
        }
        boolean agree =
                (result.fullDifferences() == null || result.fullDifferences() == diffs)
                        && (result.checksumDifferences() == null
                                || result.checksumDifferences() == diffs)
                        && (result.joinDifferences() == null || result.joinDifferences() == diffs);
        return agree ? 0 : 1;
    }

    /** One line per run: CPU seconds of the database backends by side and of this JVM. */
    private static void printCpu(PrintWriter out, String method, List<CpuSeconds> runs) {
        for (CpuSeconds cpu : runs) {
            out.printf(
                    Locale.ROOT,
                    "  %-20s CPU s: database %.2f (left %.2f, right %.2f, both %.2f), client"
                            + " %.2f%n",
                    method,
                    cpu.database(),
                    cpu.left(),
                    cpu.right(),
                    cpu.both(),
                    cpu.client());
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "";
        }
    }
}

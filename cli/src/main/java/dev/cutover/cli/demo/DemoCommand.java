package dev.cutover.cli.demo;

import dev.cutover.cli.CutoverException;
import dev.cutover.cli.ExitCode;
import dev.cutover.cli.batch.BatchCommand;
import dev.cutover.cli.progress.Progress;
import dev.cutover.cli.stack.StopSignal;
import dev.cutover.cli.stream.LocalFlinkJob;
import dev.cutover.cli.stream.StreamCommand;
import dev.cutover.cli.stream.StreamJarLocator;
import dev.cutover.loadgen.config.DelayRange;
import dev.cutover.loadgen.config.FaultOptions;
import dev.cutover.loadgen.config.GeneratorOptions;
import dev.cutover.loadgen.config.SchemaMix;
import dev.cutover.loadgen.generate.SchemaIds;
import dev.cutover.loadgen.produce.LoadGenerator;
import dev.cutover.loadgen.produce.LoadRun;
import dev.cutover.loadgen.produce.SchemaRegistration;
import dev.cutover.loadgen.produce.TopicPreparation;
import dev.cutover.loadgen.truth.TruthWriter;
import dev.cutover.model.db.OutputTables;
import dev.cutover.model.registry.RegistryClientConfig;
import dev.cutover.model.registry.SchemaRegistryClient;
import dev.cutover.recon.ReconException;
import dev.cutover.recon.Reports;
import dev.cutover.recon.db.ConnectionSpec;
import dev.cutover.recon.gate.GatePolicy;
import dev.cutover.recon.parity.ParityRun;
import dev.cutover.recon.report.ReconciliationReport;
import dev.cutover.recon.report.ReportWriter;
import dev.cutover.stack.EmbeddedStack;
import dev.cutover.stack.StackOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cutover demo}: the whole parity run on one machine. Starts the embedded stack, the Flink
 * job in its own JVM, generates a few simulated hours of load with every fault, runs the Spark
 * batch for each hour in its own JVM as soon as its cutoff passes on the simulated clock, waits for
 * the stream to catch up, reconciles stream vs batch vs truth and exits with the gate's code.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Runs the parity test end to end on an embedded stack: load with faults on a"
                    + " simulated clock, the Flink job, the Spark batch at each hour's cutoff,"
                    + " then reconciliation (report.html/.md/.json, junit.xml).",
            "Exit codes: 0 parity holds, 1 it fails the policy, 2 bad input, 3 infrastructure."
        })
public final class DemoCommand implements java.util.concurrent.Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(DemoCommand.class);
    private static final String TOPIC = "card-transactions";
    private static final int PARTITIONS = 4;

    @Spec CommandSpec spec;

    @Option(
            names = "--hours",
            paramLabel = "N",
            defaultValue = "3",
            description = "Simulated hours of load (default ${DEFAULT-VALUE}).")
    int hours;

    @Option(
            names = "--rate",
            paramLabel = "R",
            defaultValue = "1000",
            description = "Records per real second (default ${DEFAULT-VALUE}).")
    double rate;

    @Option(
            names = "--speedup",
            paramLabel = "K",
            defaultValue = "90",
            description =
                    "Simulated seconds per real second (default ${DEFAULT-VALUE}: 3 hours in 2"
                            + " minutes).")
    double speedup;

    @Option(
            names = "--seed",
            paramLabel = "S",
            defaultValue = "1",
            description = "Seed of the load (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--accounts",
            paramLabel = "N",
            defaultValue = "5000",
            description = "Accounts (default ${DEFAULT-VALUE}).")
    int accounts;

    @Option(names = "--late-fraction", paramLabel = "F", defaultValue = "0.01")
    double lateFraction;

    @Option(
            names = "--late-delay",
            paramLabel = "MIN..MAX",
            defaultValue = "5m..2h",
            description = "How late late events arrive (default ${DEFAULT-VALUE}).")
    String lateDelay;

    @Option(names = "--out-of-order-fraction", paramLabel = "F", defaultValue = "0.03")
    double outOfOrderFraction;

    @Option(names = "--duplicate-fraction", paramLabel = "F", defaultValue = "0.01")
    double duplicateFraction;

    @Option(names = "--poison-fraction", paramLabel = "F", defaultValue = "0.001")
    double poisonFraction;

    @Option(
            names = "--grace",
            paramLabel = "D",
            defaultValue = "10m",
            description = "The batch cutoff is H + 1h + grace (default ${DEFAULT-VALUE}).")
    String grace;

    @Option(
            names = "--policy",
            paramLabel = "FILE",
            description = "Gate policy (YAML); default: fail on any unexplained difference.")
    Path policy;

    @Option(
            names = "--report-dir",
            paramLabel = "DIR",
            defaultValue = "target/cutover-report",
            description = "Where the reports go (default ${DEFAULT-VALUE}).")
    Path reportDir;

    @Option(
            names = "--catch-up-timeout",
            paramLabel = "D",
            defaultValue = "5m",
            description = "How long the stream may take to catch up at the end (default 5m).")
    String catchUpTimeout;

    @Option(
            names = "--stream-heap",
            paramLabel = "SIZE",
            defaultValue = "1g",
            description = "Heap of the Flink JVM (default ${DEFAULT-VALUE}).")
    String streamHeap;

    @Option(
            names = "--keep-running",
            description =
                    "Leave the stack and the job up at the end, print the endpoints, wait for"
                            + " Ctrl-C.")
    boolean keepRunning;

    @Option(
            names = "--progress-interval",
            paramLabel = "D",
            defaultValue = "5s",
            description = "Interval of progress log lines when not on a terminal.")
    String progressInterval;

    private final AtomicReference<LoadGenerator> load = new AtomicReference<>();
    private final AtomicInteger batchesDone = new AtomicInteger();
    private volatile long streamRows;
    private volatile String phase = "starting";

    @Override
    public Integer call() throws Exception {
        GeneratorOptions generator = generatorOptions();
        Duration graceDuration = duration("--grace", grace);
        Duration catchUp = duration("--catch-up-timeout", catchUpTimeout);
        GatePolicy gate = policy == null ? GatePolicy.standard() : GatePolicy.load(policy);
        StreamJarLocator.StreamJar streamJar = new StreamJarLocator().locate(null);
        streamJar.requireFlinkLib();
        BatchSchedule schedule =
                BatchSchedule.of(
                        generator.start(),
                        hours,
                        generator.faults().lateDelay().max(),
                        graceDuration);
        PrintWriter out = spec.commandLine().getOut();
        SimulatedClock clock = new SimulatedClock(speedup);
        long started = System.nanoTime();
        Instant startedAt = Instant.now();
        LOG.info(
                "demo: {} simulated hours from {} ({} records at {}/s, speedup {})",
                hours,
                generator.start(),
                generator.events().getAsLong(),
                rate,
                speedup);

        try (EmbeddedStack stack = EmbeddedStack.start(StackOptions.defaults());
                Secrets secrets = new Secrets(stack.jdbcPassword())) {
            OutputTables.migrate(stack.jdbcUrl(), stack.jdbcUser(), stack.jdbcPassword());
            List<String> target = targetArguments(stack, secrets.passwordFile());
            Properties kafka = new Properties();
            kafka.put("bootstrap.servers", stack.kafkaBootstrapServers());
            createTopic(kafka);
            SchemaIds ids =
                    SchemaRegistration.register(
                            new SchemaRegistryClient(
                                    RegistryClientConfig.of(stack.schemaRegistryUrl())),
                            TOPIC);

            StreamCommand stream = parse(new StreamCommand(), target);
            LocalFlinkJob job =
                    LocalFlinkJob.start(
                            streamJar,
                            stream.jobOptions(),
                            streamHeap,
                            s -> LOG.info("Flink job {} running", s.jobId().orElseThrow()));
            ExecutorService batches =
                    Executors.newSingleThreadExecutor(
                            r -> {
                                Thread t = new Thread(r, "demo-batch");
                                t.setDaemon(true);
                                return t;
                            });
            try (StreamCounter counter =
                            new StreamCounter(
                                    stack.jdbcUrl(),
                                    stack.jdbcUser(),
                                    stack.jdbcPassword(),
                                    rows -> streamRows = rows);
                    Progress progress =
                            Progress.start(
                                    () -> progressLine(schedule, started),
                                    spec.commandLine().getErr(),
                                    duration("--progress-interval", progressInterval))) {
                // The stream runs before the load starts, as in production.
                phase = "starting the Flink job";
                job.awaitJobId(Duration.ofMinutes(3));
                phase = "generating";
                List<Future<?>> submitted = new ArrayList<>();
                AtomicReference<LoadRun.Result> result = new AtomicReference<>();
                AtomicReference<Throwable> failure = new AtomicReference<>();
                Thread producing =
                        new Thread(
                                () -> {
                                    try {
                                        result.set(
                                                LoadRun.execute(
                                                        generator, TOPIC, kafka, ids, load::set));
                                    } catch (Throwable e) {
                                        failure.set(e);
                                    }
                                },
                                "demo-generate");
                clock.sample(Instant.now(), generator.start());
                producing.start();
                int next = 0;
                Duration margin = Duration.ofMinutes(1);
                while (producing.isAlive()) {
                    producing.join(500);
                    Instant now = simulatedClock(generator);
                    clock.sample(Instant.now(), now);
                    while (next < schedule.runs().size()
                            && !now.isBefore(schedule.runs().get(next).cutoff().plus(margin))) {
                        submitted.add(submitBatch(batches, schedule.runs().get(next++), target));
                    }
                    requireAlive(job);
                }
                if (failure.get() != null) {
                    throw CutoverException.infrastructure(
                            "the load generator failed: " + failure.get(), failure.get());
                }
                LoadRun.Result generated = result.get();
                if (generated.stats().failed() > 0) {
                    throw CutoverException.infrastructure(
                            generated.stats().failed() + " records were not acknowledged by Kafka",
                            null);
                }
                phase = "writing the truth";
                TruthWriter truth =
                        new TruthWriter(
                                stack.jdbcUrl(),
                                stack.jdbcUser(),
                                stack.jdbcPassword(),
                                TruthWriter.DEFAULT_SCHEMA);
                truth.migrate();
                truth.write(generated.truth());
                if (next < schedule.runs().size()) {
                    submitted.add(
                            submitBatch(
                                    batches,
                                    BatchSchedule.merge(
                                            schedule.runs().subList(next, schedule.runs().size())),
                                    target));
                }
                phase = "batch";
                for (Future<?> f : submitted) {
                    awaitBatch(f);
                }
                phase = "stream catching up";
                counter.awaitCaughtUp(catchUp, job);
            } finally {
                batches.shutdownNow();
                if (!keepRunning) {
                    job.close();
                }
            }

            phase = "reconciling";
            try (Connection db =
                    DriverManager.getConnection(
                            stack.jdbcUrl(), stack.jdbcUser(), stack.jdbcPassword())) {
                clock.rewriteWrittenAt(db, List.of("stream", "batch"));
            }
            ReconciliationReport report = reconcile(stack, graceDuration, gate, startedAt);
            ReportWriter.write(report, reportDir);
            printSummary(out, report, started);
            if (keepRunning) {
                stack.endpoints()
                        .environment()
                        .forEach((key, value) -> out.println(key + "=" + value));
                out.println("TOPIC=" + TOPIC);
                out.println("FLINK_WEB_UI=http://127.0.0.1:" + job.uiPort());
                out.println("READY");
                out.flush();
                new StopSignal().await();
                job.close();
            }
            return report.passed() ? ExitCode.OK.code() : ExitCode.PARITY_FAILED.code();
        }
    }

    GeneratorOptions generatorOptions() {
        if (hours < 1 || hours > 48) {
            throw CutoverException.badInput("--hours must be between 1 and 48, got " + hours);
        }
        if (rate <= 0 || speedup <= 0) {
            throw CutoverException.badInput("--rate and --speedup must be positive");
        }
        // Kafka rejects timestamps over an hour ahead of the broker clock: the simulated hours
        // end an hour before the current one starts, so every arrival is in the past.
        Instant start =
                Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(hours + 1L));
        long events = Math.round(hours * 3600.0 * rate / speedup);
        try {
            FaultOptions faults =
                    new FaultOptions(
                            lateFraction,
                            DelayRange.parse(lateDelay),
                            outOfOrderFraction,
                            duplicateFraction,
                            poisonFraction);
            return new GeneratorOptions(
                    seed,
                    accounts,
                    1.1,
                    SchemaMix.parse("v1:0.7,v2:0.3"),
                    start,
                    speedup,
                    rate,
                    GeneratorOptions.DEFAULT_NOMINAL_RATE,
                    OptionalLong.of(events),
                    Optional.empty(),
                    1,
                    faults,
                    duration("--grace", grace));
        } catch (IllegalArgumentException e) {
            throw CutoverException.badInput(e.getMessage());
        }
    }

    /** The simulated time of the newest acknowledged record (its Kafka timestamp). */
    private Instant simulatedClock(GeneratorOptions options) {
        LoadGenerator running = load.get();
        long acked = running == null ? 0 : running.stats().snapshot().acknowledged();
        return options.start().plusMillis(Math.round(acked * options.simulatedIntervalMillis()));
    }

    private static List<String> targetArguments(EmbeddedStack stack, Path passwordFile) {
        List<String> args = new ArrayList<>();
        args.addAll(List.of("--bootstrap-servers", stack.kafkaBootstrapServers()));
        args.addAll(List.of("--schema-registry", stack.schemaRegistryUrl()));
        args.addAll(List.of("--jdbc-url", stack.jdbcUrl()));
        args.addAll(List.of("--jdbc-user", stack.jdbcUser()));
        if (passwordFile != null) {
            args.addAll(List.of("--jdbc-password-file", passwordFile.toString()));
        }
        args.addAll(List.of("--topic", TOPIC));
        return args;
    }

    /** A subcommand object with its options parsed, to reuse its launcher. */
    private static <T> T parse(T command, List<String> args) {
        CommandLine line = new CommandLine(command);
        line.setOut(new PrintWriter(new StringWriter()));
        line.parseArgs(args.toArray(String[]::new));
        return command;
    }

    private Future<?> submitBatch(
            ExecutorService batches, BatchSchedule.Run run, List<String> target) {
        List<String> args = new ArrayList<>(target);
        if (run.singleHour()) {
            args.addAll(List.of("--hour", run.from().toString()));
        } else {
            args.addAll(List.of("--from", run.from().toString(), "--to", run.to().toString()));
        }
        args.addAll(List.of("--grace", grace));
        return batches.submit(
                () -> {
                    long t0 = System.nanoTime();
                    StringWriter relayed = new StringWriter();
                    BatchCommand batch = new BatchCommand();
                    CommandLine line = new CommandLine(batch);
                    line.setOut(new PrintWriter(relayed, true));
                    line.parseArgs(args.toArray(String[]::new));
                    batch.call();
                    batchesDone.addAndGet((int) Duration.between(run.from(), run.to()).toHours());
                    LOG.info(
                            "batch for {} done in {} s",
                            run,
                            Duration.ofNanos(System.nanoTime() - t0).toSeconds());
                    LOG.debug("batch output:\n{}", relayed);
                    return null;
                });
    }

    private static void awaitBatch(Future<?> batch) throws InterruptedException {
        try {
            batch.get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof CutoverException c) {
                throw c;
            }
            throw CutoverException.infrastructure(
                    "the Spark batch failed: " + e.getCause(), e.getCause());
        }
    }

    private static void requireAlive(LocalFlinkJob job) throws IOException {
        if (!job.isAlive()) {
            throw CutoverException.infrastructure(
                    "the Flink job ended: " + job.tail() + " — whole log: " + job.log(), null);
        }
    }

    private void createTopic(Properties kafka) {
        Properties admin = new Properties();
        admin.putAll(kafka);
        admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        try (Admin client = Admin.create(admin)) {
            TopicPreparation.prepare(
                    client, TOPIC, Optional.of(PARTITIONS), Duration.ofSeconds(30));
        } catch (TopicPreparation.KafkaUnavailableException e) {
            throw CutoverException.infrastructure("embedded Kafka: " + e.getMessage(), e);
        }
    }

    private ReconciliationReport reconcile(
            EmbeddedStack stack, Duration graceDuration, GatePolicy gate, Instant startedAt) {
        try {
            ConnectionSpec db =
                    new ConnectionSpec(stack.jdbcUrl(), stack.jdbcUser(), stack.jdbcPassword());
            ParityRun.Result parity = ParityRun.run(ParityRun.Options.of(db, graceDuration));
            return Reports.build(
                    startedAt,
                    parity.comparisons(),
                    parity.latency(),
                    parity.freshnessGain(),
                    gate,
                    Optional.empty());
        } catch (ReconException e) {
            throw new CutoverException(
                    e.kind() == ReconException.Kind.BAD_INPUT
                            ? ExitCode.BAD_INPUT
                            : ExitCode.INFRASTRUCTURE,
                    e.getMessage(),
                    e);
        }
    }

    private void printSummary(PrintWriter out, ReconciliationReport report, long started) {
        out.println("verdict: " + report.verdict());
        out.println("unexplained differences: " + report.unexplained());
        out.println(
                "freshness gain: "
                        + (report.freshnessGain() == null
                                ? "n/a"
                                : String.format(
                                        "x%.0f (batch p50 / stream p50)", report.freshnessGain())));
        report.failures().forEach(f -> out.println("FAIL " + f));
        out.println(
                "elapsed: "
                        + Progress.duration(
                                Duration.ofNanos(System.nanoTime() - started).toSeconds()));
        out.println("report: " + reportDir.resolve("report.html").toAbsolutePath().normalize());
        out.flush();
    }

    private String progressLine(BatchSchedule schedule, long started) {
        LoadGenerator running = load.get();
        StringBuilder line = new StringBuilder(phase);
        if (running != null) {
            var stats = running.stats().snapshot();
            line.append(
                    String.format(
                            " | generated %d/%d (%.0f/s)",
                            stats.acknowledged(),
                            stats.target().orElse(0),
                            stats.recordsPerSecond()));
        }
        line.append(" | stream rows ").append(streamRows);
        line.append(" | batch ")
                .append(batchesDone.get())
                .append('/')
                .append(Duration.between(schedule.runs().get(0).from(), end(schedule)).toHours())
                .append(" hours");
        line.append(" | ")
                .append(
                        Progress.duration(
                                Duration.ofNanos(System.nanoTime() - started).toSeconds()));
        return line.toString();
    }

    private static Instant end(BatchSchedule schedule) {
        return schedule.runs().get(schedule.runs().size() - 1).to();
    }

    private static Duration duration(String option, String text) {
        try {
            return DelayRange.parseDuration(text);
        } catch (IllegalArgumentException e) {
            throw CutoverException.badInput(option + ": " + e.getMessage());
        }
    }

    /** The database password in a mode-600 file for the child commands, deleted on close. */
    private static final class Secrets implements AutoCloseable {
        private final Path file;

        Secrets(String password) throws IOException {
            if (password == null || password.isEmpty()) {
                file = null;
                return;
            }
            file =
                    Files.createTempFile(
                            "cutover-demo-",
                            ".secret",
                            PosixFilePermissions.asFileAttribute(
                                    PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, password, StandardCharsets.UTF_8);
        }

        Path passwordFile() {
            return file;
        }

        @Override
        public void close() throws IOException {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** Polls the stream's and the truth's counts; decides when the stream has caught up. */
    static final class StreamCounter implements AutoCloseable {
        private final String url;
        private final Properties credentials = new Properties();
        private final java.util.function.LongConsumer onRows;
        private final Thread poller;
        private volatile boolean closed;

        StreamCounter(
                String url, String user, String password, java.util.function.LongConsumer onRows) {
            this.url = url;
            credentials.put("user", user);
            if (password != null) {
                credentials.put("password", password);
            }
            this.onRows = onRows;
            this.poller = new Thread(this::poll, "demo-stream-counter");
            poller.setDaemon(true);
            poller.start();
        }

        private void poll() {
            while (!closed) {
                try {
                    onRows.accept(counts("stream").get(0).longValue());
                    Thread.sleep(2000);
                } catch (InterruptedException e) {
                    return;
                } catch (SQLException | RuntimeException e) {
                    LOG.debug("counting stream rows: {}", e.getMessage());
                }
            }
        }

        /** Waits until the stream's tables hold what the truth's hold. */
        void awaitCaughtUp(Duration timeout, LocalFlinkJob job)
                throws InterruptedException, IOException, SQLException {
            long deadline = System.nanoTime() + timeout.toNanos();
            List<Number> truth = counts("truth");
            List<Number> stream = counts("stream");
            while (!same(stream, truth)) {
                requireAlive(job);
                if (System.nanoTime() > deadline) {
                    throw CutoverException.infrastructure(
                            "the stream did not catch up within "
                                    + timeout
                                    + ": stream "
                                    + stream
                                    + ", truth "
                                    + truth
                                    + " (transactions, USD, dead letters, account-hours, their"
                                    + " transactions) — Flink's log: "
                                    + job.log(),
                            null);
                }
                Thread.sleep(1000);
                stream = counts("stream");
            }
            LOG.info("the stream has caught up: {}", stream);
        }

        private static boolean same(List<Number> a, List<Number> b) {
            for (int i = 0; i < a.size(); i++) {
                if (new java.math.BigDecimal(a.get(i).toString())
                                .compareTo(new java.math.BigDecimal(b.get(i).toString()))
                        != 0) {
                    return false;
                }
            }
            return true;
        }

        List<Number> counts(String schema) throws SQLException {
            String sql = sql().replace("{schema}", schema);
            try (Connection c = DriverManager.getConnection(url, credentials);
                    Statement s = c.createStatement();
                    ResultSet r = s.executeQuery(sql)) {
                r.next();
                List<Number> values = new ArrayList<>();
                for (int i = 1; i <= 5; i++) {
                    values.add((Number) r.getObject(i));
                }
                return values;
            }
        }

        private static String sql() {
            try (InputStream in = DemoCommand.class.getResourceAsStream("pipeline_counts.sql")) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException("pipeline_counts.sql missing", e);
            }
        }

        @Override
        public void close() {
            closed = true;
            poller.interrupt();
        }
    }
}

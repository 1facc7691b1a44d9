package dev.cutover.cli.parity;

import dev.cutover.cli.progress.Progress;
import dev.cutover.cli.stream.StreamDeployment;
import dev.cutover.contract.CutoverException;
import dev.cutover.contract.ExitCode;
import dev.cutover.loadgen.generate.SchemaIds;
import dev.cutover.loadgen.produce.LoadGenerator;
import dev.cutover.loadgen.produce.LoadRun;
import dev.cutover.loadgen.produce.SchemaRegistration;
import dev.cutover.loadgen.produce.TimestampCheck;
import dev.cutover.loadgen.produce.TopicLimits;
import dev.cutover.loadgen.produce.TopicPreparation;
import dev.cutover.loadgen.truth.TruthWriter;
import dev.cutover.model.db.OutputTables;
import dev.cutover.model.registry.BasicCredentials;
import dev.cutover.model.registry.RegistryClientConfig;
import dev.cutover.model.registry.SchemaRegistryClient;
import dev.cutover.recon.ReconException;
import dev.cutover.recon.Reports;
import dev.cutover.recon.db.ConnectionSpec;
import dev.cutover.recon.parity.ParityRun;
import dev.cutover.recon.report.InjectedFault;
import dev.cutover.recon.report.ReconciliationReport;
import dev.cutover.recon.report.ReportWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One parity run, the same against the embedded stack ({@code cutover demo}) and a user's own
 * services ({@code cutover run}): start the Flink job, generate the load on its simulated clock,
 * run the Spark batch of each hour once its cutoff has passed on that clock, write the truth of
 * what Kafka acknowledged, wait for the last batch and for the stream to catch up, then reconcile
 * stream vs batch vs truth with latency, write the reports and judge them by the gate.
 */
public final class ParityOrchestrator {
    private static final Logger LOG = LoggerFactory.getLogger(ParityOrchestrator.class);
    private static final int RETRIES = 5;
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(3);
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(30);

    /** Starts the Flink job of the run, pointed at the run's services by {@code target}. */
    @FunctionalInterface
    public interface StreamLauncher {
        StreamDeployment start(List<String> target) throws IOException, InterruptedException;
    }

    /**
     * Called about twice a second while the load runs, with the simulated time the load has reached
     * (the demo's fault injector hooks in here).
     */
    @FunctionalInterface
    public interface LoadListener {
        void during(Instant simulated) throws Exception;

        /**
         * Called once the load has ended and the remaining batches are submitted (they run
         * meanwhile), before the truth is written.
         */
        default void afterLoad() throws Exception {}

        /** The faults injected during the run, for the report (none by default). */
        default List<InjectedFault> faults() {
            return List.of();
        }

        LoadListener NONE = simulated -> {};
    }

    /**
     * How a run ended: its report, and the stream when it was left running (else empty).
     *
     * @param stream the Flink job, still running, when the caller asked to keep it
     */
    public record Outcome(ReconciliationReport report, Optional<StreamDeployment> stream) {
        public int exitCode() {
            return report.passed() ? ExitCode.OK.code() : ExitCode.PARITY_FAILED.code();
        }
    }

    /** The stream's Kafka consumer group ({@code cutover stream --group-id}'s default). */
    private static final String STREAM_GROUP = "cutover-stream";

    private final ParityTarget target;
    private final ParityPlan plan;
    private final StreamLauncher streamLauncher;
    private final List<String> batchOptions;
    private final LoadListener listener;
    private final PrintWriter err;
    private final AtomicReference<LoadGenerator> load = new AtomicReference<>();
    private volatile long streamRows;
    private volatile String phase = "starting";
    private long deletedBefore;

    /**
     * @param batchOptions options of every {@code cutover batch} besides the target and hours (the
     *     Spark master, driver memory, …)
     * @param err where progress goes (a live line on a terminal, log lines otherwise)
     */
    public ParityOrchestrator(
            ParityTarget target,
            ParityPlan plan,
            StreamLauncher streamLauncher,
            List<String> batchOptions,
            LoadListener listener,
            PrintWriter err) {
        this.target = target;
        this.plan = plan;
        this.streamLauncher = streamLauncher;
        this.batchOptions = List.copyOf(batchOptions);
        this.listener = listener;
        this.err = err;
    }

    /**
     * Runs it.
     *
     * @param keepStream leave the Flink job running at the end (returned in the outcome)
     */
    public Outcome run(boolean keepStream) throws Exception {
        long started = System.nanoTime();
        Instant startedAt = Instant.now();
        BatchSchedule schedule = plan.schedule();
        SimulatedClock clock = new SimulatedClock(plan.generator().speedup());
        LOG.info(
                "parity run: {} simulated hours from {} ({} records at {}/s, speedup {}) on {}",
                plan.hours(),
                plan.generator().start(),
                plan.generator().events().getAsLong(),
                plan.generator().rate(),
                plan.generator().speedup(),
                target);

        try (PrivateFiles secrets = new PrivateFiles()) {
            OutputTables.migrate(
                    target.jdbcUrl(), target.jdbcUser(), target.jdbcPassword().orElse(null));
            prepareTopic();
            SchemaIds ids = SchemaRegistration.register(registry(), target.topic());
            List<String> targetArgs = target.commandArguments(secrets);
            List<String> batchArgs = new ArrayList<>(targetArgs);
            batchArgs.addAll(List.of("--grace", plan.grace().toSeconds() + "s"));
            batchArgs.addAll(batchOptions);

            StreamDeployment stream = null;
            boolean handedOver = false;
            try (BatchLauncher batches = new BatchLauncher(batchArgs);
                    StreamCatchUp catchUp = new StreamCatchUp(target, rows -> streamRows = rows);
                    StreamLag lag = new StreamLag(target.kafka(), target.topic(), STREAM_GROUP);
                    Progress progress =
                            Progress.start(
                                    () -> progressLine(schedule, batches, lag, started),
                                    err,
                                    plan.progressInterval())) {
                // The stream runs before the load starts, as in production.
                phase = "starting the Flink job";
                stream = streamLauncher.start(targetArgs);
                stream.awaitRunning(plan.streamStartTimeout());
                phase = "generating";
                LoadRun.Result generated = generate(ids, schedule, batches, clock, stream);
                phase = "writing the truth";
                writeTruth(generated);
                phase = "batch";
                batches.awaitAll();
                phase = "stream catching up";
                catchUp.await(plan.catchUpTimeout(), stream);
                requireNothingDeleted();
                handedOver = keepStream;
            } finally {
                if (stream != null && !handedOver) {
                    stream.close();
                }
            }

            phase = "reconciling";
            if (plan.rewriteWrittenAt()) {
                try (Connection db = connect()) {
                    clock.rewriteWrittenAt(db, List.of("stream", "batch"));
                }
            }
            ReconciliationReport report = reconcile(startedAt);
            ReportWriter.write(report, plan.reportDir());
            return new Outcome(report, Optional.ofNullable(handedOver ? stream : null));
        }
    }

    private LoadRun.Result generate(
            SchemaIds ids,
            BatchSchedule schedule,
            BatchLauncher batches,
            SimulatedClock clock,
            StreamDeployment stream)
            throws Exception {
        AtomicReference<LoadRun.Result> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread producing =
                new Thread(
                        () -> {
                            try {
                                result.set(
                                        LoadRun.execute(
                                                plan.generator(),
                                                target.topic(),
                                                target.kafka(),
                                                ids,
                                                load::set));
                            } catch (Throwable e) {
                                failure.set(e);
                            }
                        },
                        "parity-generate");
        clock.sample(Instant.now(), plan.generator().start());
        producing.start();
        int next = 0;
        Duration margin = Duration.ofMinutes(1);
        List<BatchSchedule.Run> runs = schedule.runs();
        while (producing.isAlive()) {
            producing.join(500);
            Instant now = simulatedNow();
            clock.sample(Instant.now(), now);
            while (next < runs.size() && !now.isBefore(runs.get(next).cutoff().plus(margin))) {
                batches.submit(runs.get(next++));
            }
            listener.during(now);
            stream.requireRunning();
        }
        if (failure.get() != null) {
            throw CutoverException.infrastructure(
                    "the load generator failed: " + failure.get(), failure.get());
        }
        LoadRun.Result generated = result.get();
        if (generated.stats().failed() > 0) {
            throw CutoverException.infrastructure(
                    generated.stats().failed() + " records were not acknowledged by Kafka", null);
        }
        if (next < runs.size()) {
            batches.submit(BatchSchedule.merge(runs.subList(next, runs.size())));
        }
        listener.afterLoad();
        return generated;
    }

    /**
     * Writes the truth in one transaction; a failed attempt (e.g. PostgreSQL restarting) rolls back
     * and is retried.
     */
    private void writeTruth(LoadRun.Result generated) throws SQLException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                writeTruthOnce(generated);
                return;
            } catch (SQLException | RuntimeException e) {
                if (attempt == RETRIES) {
                    throw e;
                }
                LOG.warn(
                        "writing the truth failed (attempt {}), retrying: {}",
                        attempt,
                        e.toString());
                Thread.sleep(RETRY_PAUSE.toMillis());
            }
        }
    }

    private void writeTruthOnce(LoadRun.Result generated) throws SQLException {
        TruthWriter truth =
                new TruthWriter(
                        target.jdbcUrl(),
                        target.jdbcUser(),
                        target.jdbcPassword().orElse(null),
                        TruthWriter.DEFAULT_SCHEMA);
        truth.migrate();
        truth.write(generated.truth());
    }

    /** The simulated time of the newest acknowledged record (its Kafka timestamp). */
    private Instant simulatedNow() {
        LoadGenerator running = load.get();
        long acked = running == null ? 0 : running.stats().snapshot().acknowledged();
        return plan.generator()
                .start()
                .plusMillis(Math.round(acked * plan.generator().simulatedIntervalMillis()));
    }

    private SchemaRegistryClient registry() {
        RegistryClientConfig config = RegistryClientConfig.of(target.registryUrl());
        return new SchemaRegistryClient(
                target.registryUserInfo()
                        .map(u -> config.withCredentials(BasicCredentials.parse(u)))
                        .orElse(config));
    }

    /**
     * The pipelines were compared on every record sent: the topic deleted none of them (by
     * retention, or anyone's delete-records) while the run needed them.
     */
    private void requireNothingDeleted() {
        try (Admin client = admin()) {
            long deleted =
                    TopicRecords.of(client, target.topic(), KAFKA_TIMEOUT).earliest()
                            - deletedBefore;
            if (deleted > 0) {
                throw CutoverException.infrastructure(
                        "topic "
                                + target.topic()
                                + " deleted "
                                + deleted
                                + " of the run's records before the end of the run (retention.ms,"
                                + " or records deleted by hand): the pipelines cannot be compared"
                                + " on what they could not all read",
                        null);
            }
        }
    }

    private Admin admin() {
        Properties admin = new Properties();
        admin.putAll(target.kafka());
        admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) KAFKA_TIMEOUT.toMillis());
        return Admin.create(admin);
    }

    /** Creates the topic when it is missing; a parity run needs it empty. */
    private void prepareTopic() {
        try (Admin client = admin()) {
            TopicPreparation.prepare(
                    client, target.topic(), Optional.of(plan.partitions()), KAFKA_TIMEOUT);
            checkTimestamps(TopicLimits.describe(client, target.topic(), KAFKA_TIMEOUT));
            TopicRecords records = TopicRecords.of(client, target.topic(), KAFKA_TIMEOUT);
            if (records.held() > 0) {
                throw CutoverException.badInput(
                        "topic "
                                + target.topic()
                                + " already holds "
                                + records.held()
                                + " records; a parity run needs an empty topic (give a new"
                                + " topic name)");
            }
            deletedBefore = records.earliest();
        } catch (TopicPreparation.KafkaUnavailableException e) {
            throw CutoverException.infrastructure("Kafka: " + e.getMessage(), e);
        }
    }

    /** Refuses (exit 2) a load whose records the topic would delete or reject. */
    private void checkTimestamps(TopicLimits limits) {
        try {
            // A parity run's load has a known size, so there is never a cap to apply.
            TimestampCheck.check(plan.generator(), limits, Instant.now());
        } catch (TimestampCheck.OutOfRange e) {
            throw CutoverException.badInput(
                    e.getMessage()
                            + "; nothing was sent: use a topic that keeps records longer"
                            + " (retention.ms) or run fewer simulated hours");
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(
                target.jdbcUrl(), target.jdbcUser(), target.jdbcPassword().orElse(null));
    }

    private ReconciliationReport reconcile(Instant startedAt) {
        try {
            ConnectionSpec db =
                    new ConnectionSpec(
                            target.jdbcUrl(),
                            target.jdbcUser(),
                            target.jdbcPassword().orElse(null));
            ParityRun.Result parity = ParityRun.run(ParityRun.Options.of(db, plan.grace()));
            return Reports.build(
                            startedAt,
                            parity.comparisons(),
                            parity.latency(),
                            parity.freshnessGain(),
                            plan.gate(),
                            Optional.empty())
                    .withFaults(listener.faults());
        } catch (ReconException e) {
            throw new CutoverException(
                    e.kind() == ReconException.Kind.BAD_INPUT
                            ? ExitCode.BAD_INPUT
                            : ExitCode.INFRASTRUCTURE,
                    e.getMessage(),
                    e);
        }
    }

    /** The short summary at the end: verdict, unexplained differences, freshness, the report. */
    public static void printSummary(
            PrintWriter out, ReconciliationReport report, Path reportDir, long startedNanos) {
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
                                Duration.ofNanos(System.nanoTime() - startedNanos).toSeconds()));
        out.println("report: " + reportDir.resolve("report.html").toAbsolutePath().normalize());
        out.flush();
    }

    private String progressLine(
            BatchSchedule schedule, BatchLauncher batches, StreamLag lag, long started) {
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
        lag.lag().ifPresent(records -> line.append(", lag ").append(records));
        List<BatchSchedule.Run> runs = schedule.runs();
        line.append(" | batch ")
                .append(batches.hoursDone())
                .append('/')
                .append(
                        Duration.between(runs.get(0).from(), runs.get(runs.size() - 1).to())
                                .toHours())
                .append(" hours");
        line.append(" | ")
                .append(
                        Progress.duration(
                                Duration.ofNanos(System.nanoTime() - started).toSeconds()));
        return line.toString();
    }
}

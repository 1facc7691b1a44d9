package dev.cutover.parity;

import dev.cutover.contract.CutoverException;
import dev.cutover.contract.Defaults;
import dev.cutover.contract.ExitCode;
import dev.cutover.launch.PrivateFiles;
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
import dev.cutover.parity.batch.BatchHours;
import dev.cutover.parity.batch.BatchRunner;
import dev.cutover.parity.batch.BatchSchedule;
import dev.cutover.parity.kafka.StreamLag;
import dev.cutover.parity.kafka.TopicRecords;
import dev.cutover.parity.stream.RunningStream;
import dev.cutover.parity.stream.StreamRunner;
import dev.cutover.recon.ReconException;
import dev.cutover.recon.Reports;
import dev.cutover.recon.db.ConnectionSpec;
import dev.cutover.recon.history.RunHistory;
import dev.cutover.recon.parity.ParityRun;
import dev.cutover.recon.report.ReconciliationReport;
import dev.cutover.recon.report.ReportWriter;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One parity run, the same against the embedded stack ({@code cutover demo}) and a team's own
 * services ({@code cutover run}), in named {@link Phase phases}: prepare the target, start the
 * stream, generate the load on its simulated clock (each batch hour runs once its cutoff has passed
 * on that clock), write the truth of what Kafka acknowledged, wait for the stream to catch up, run
 * the last hours' batch, reconcile stream vs batch vs truth with latency, write the reports.
 *
 * <p>Where the Flink job runs is a {@link StreamRunner}'s business, where the Spark batch runs a
 * {@link BatchRunner}'s; a {@link ParityListener} hears the phases and the load's clock. The
 * pipelines' tables are only read: latency goes through the run's {@link ClockRecorder clock}.
 */
public final class ParityWorkflow {
    private static final Logger LOG = LoggerFactory.getLogger(ParityWorkflow.class);
    private static final int TRUTH_ATTEMPTS = 5;
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(3);
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(30);

    /** A batch hour runs this long (simulated) after its cutoff, as a scheduler would. */
    private static final Duration BATCH_MARGIN = Duration.ofMinutes(1);

    /**
     * How a run ended: its report, and the stream when it was left running.
     *
     * @param stream the Flink job, still running, when the caller asked to keep it
     */
    public record Outcome(ReconciliationReport report, Optional<RunningStream> stream) {
        public int exitCode() {
            return report.passed() ? ExitCode.OK.code() : ExitCode.PARITY_FAILED.code();
        }
    }

    private final ParityTarget target;
    private final ParityPlan plan;
    private final StreamRunner streamRunner;
    private final BatchRunner batchRunner;
    private final ParityListener listener;
    private final AtomicReference<LoadGenerator> load = new AtomicReference<>();
    private final long startedNanos = System.nanoTime();
    private volatile Phase phase = Phase.PREPARE_TARGET;
    private volatile long streamRows;
    private volatile BatchHours batches;
    private volatile StreamLag lag;
    private long deletedBefore;

    public ParityWorkflow(
            ParityTarget target,
            ParityPlan plan,
            StreamRunner streamRunner,
            BatchRunner batchRunner,
            ParityListener listener) {
        this.target = target;
        this.plan = plan;
        this.streamRunner = streamRunner;
        this.batchRunner = batchRunner;
        this.listener = listener;
    }

    /**
     * Runs it.
     *
     * @param keepStream leave the Flink job running at the end (returned in the outcome)
     */
    public Outcome run(boolean keepStream) throws Exception {
        Instant startedAt = Instant.now();
        BatchSchedule schedule = plan.schedule();
        ClockRecorder clock = new ClockRecorder(plan.generator().speedup());
        LOG.info(
                "parity run: {} simulated hours from {} ({} records at {}/s, speedup {}) on {}",
                plan.hours(),
                plan.generator().start(),
                plan.generator().events().getAsLong(),
                plan.generator().rate(),
                plan.generator().speedup(),
                target);

        enter(Phase.PREPARE_TARGET);
        OutputTables.migrate(
                target.jdbcUrl(), target.jdbcUser(), target.jdbcPassword().orElse(null));
        prepareTopic();
        SchemaIds ids = SchemaRegistration.register(registry(), target.topic());

        RunningStream stream = null;
        boolean handedOver = false;
        try (PrivateFiles files = new PrivateFiles();
                BatchHours batchHours =
                        new BatchHours(
                                batchRunner,
                                hours -> target.batchArguments(plan.batch(), files, hours));
                StreamCatchUp catchUp = new StreamCatchUp(target, rows -> streamRows = rows);
                StreamLag streamLag =
                        new StreamLag(target.kafka(), target.topic(), plan.stream().groupId())) {
            batches = batchHours;
            lag = streamLag;
            enter(Phase.START_STREAM);
            stream =
                    streamRunner.start(target.streamOptions(plan.stream(), Defaults.STREAM_SCHEMA));
            stream.awaitRunning(plan.streamStartTimeout());

            enter(Phase.GENERATE_LOAD);
            List<BatchSchedule.Run> pending = new ArrayList<>();
            LoadRun.Result generated = generate(ids, schedule, batchHours, clock, stream, pending);
            listener.afterLoad();

            enter(Phase.WRITE_TRUTH);
            writeTruth(generated);
            // Records the topic already deleted: neither the catch-up nor the batch can succeed.
            requireNothingDeleted();

            // The stream catches up before the last hours' batch starts: on one machine a Spark
            // JVM starting beside the job would count in the stream's latency, which on real
            // clusters it never does. What the batch reads does not depend on when it runs.
            enter(Phase.CATCH_UP);
            catchUp.await(plan.catchUpTimeout(), stream);

            enter(Phase.RUN_BATCHES);
            if (!pending.isEmpty()) {
                batchHours.submit(BatchSchedule.merge(pending));
            }
            batchHours.awaitAll();
            requireNothingDeleted();
            handedOver = keepStream;
        } finally {
            if (stream != null && !handedOver) {
                stream.close();
            }
        }

        enter(Phase.RECONCILE);
        ReconciliationReport report = reconcile(startedAt, clock);
        enter(Phase.REPORT);
        ReportWriter.write(report, plan.reportDir());
        return new Outcome(report, Optional.ofNullable(handedOver ? stream : null));
    }

    /** Where the run is, for a progress line. */
    public Status status() {
        LoadGenerator running = load.get();
        var stats = running == null ? null : running.stats().snapshot();
        List<BatchSchedule.Run> runs = plan.schedule().runs();
        BatchHours hours = batches;
        StreamLag streamLag = lag;
        return new Status(
                phase,
                stats == null ? OptionalLong.empty() : OptionalLong.of(stats.acknowledged()),
                plan.generator().events(),
                stats == null ? 0 : stats.recordsPerSecond(),
                streamRows,
                streamLag == null ? OptionalLong.empty() : streamLag.lag(),
                hours == null ? 0 : hours.hoursDone(),
                (int)
                        Duration.between(runs.get(0).from(), runs.get(runs.size() - 1).to())
                                .toHours(),
                Duration.ofNanos(System.nanoTime() - startedNanos));
    }

    /**
     * Where a run is.
     *
     * @param generated records acknowledged so far, once the load has started
     * @param lag the stream's consumer lag, once its group has committed
     */
    public record Status(
            Phase phase,
            OptionalLong generated,
            OptionalLong target,
            double recordsPerSecond,
            long streamRows,
            OptionalLong lag,
            int batchHoursDone,
            int batchHours,
            Duration elapsed) {}

    private void enter(Phase next) {
        phase = next;
        LOG.debug("phase: {}", next.label());
        listener.phase(next);
    }

    /**
     * Generates the load, submitting each batch hour whose cutoff has passed on its clock; adds the
     * hours still due at the end to {@code pending}.
     */
    private LoadRun.Result generate(
            SchemaIds ids,
            BatchSchedule schedule,
            BatchHours batchHours,
            ClockRecorder clock,
            RunningStream stream,
            List<BatchSchedule.Run> pending)
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
        List<BatchSchedule.Run> runs = schedule.runs();
        try {
            while (producing.isAlive()) {
                producing.join(500);
                Instant now = simulatedNow();
                clock.sample(Instant.now(), now);
                while (next < runs.size()
                        && !now.isBefore(runs.get(next).cutoff().plus(BATCH_MARGIN))) {
                    batchHours.submit(runs.get(next++));
                }
                listener.during(now);
                stream.requireRunning();
            }
        } catch (Exception | Error e) {
            // the run ends here (the job failed, say): so does its load
            stopLoad(producing);
            throw e;
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
        pending.addAll(runs.subList(next, runs.size()));
        return generated;
    }

    /** Stops the load generator and waits a little for its thread to end. */
    private void stopLoad(Thread producing) throws InterruptedException {
        LoadGenerator running = load.get();
        if (running != null) {
            running.stop();
        }
        producing.join(Duration.ofSeconds(10).toMillis());
        if (producing.isAlive()) {
            LOG.warn("the load generator did not stop within 10 s");
        }
    }

    /**
     * Writes the truth in one transaction; a failed attempt (e.g. PostgreSQL restarting) rolls back
     * and is retried.
     */
    private void writeTruth(LoadRun.Result generated) throws SQLException, InterruptedException {
        TruthWriter truth =
                new TruthWriter(
                        target.jdbcUrl(),
                        target.jdbcUser(),
                        target.jdbcPassword().orElse(null),
                        Defaults.TRUTH_SCHEMA);
        for (int attempt = 1; ; attempt++) {
            try {
                truth.migrate();
                truth.write(generated.truth());
                return;
            } catch (SQLException | RuntimeException e) {
                if (attempt == TRUTH_ATTEMPTS) {
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

    private Admin admin() {
        Properties admin = new Properties();
        admin.putAll(target.kafka());
        admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) KAFKA_TIMEOUT.toMillis());
        return Admin.create(admin);
    }

    /**
     * Creates the topic when it is missing; a parity run needs it empty, and keeping the records
     * the load will stamp.
     */
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

    /**
     * Reconciles stream vs batch vs truth with the run's clock and builds the report.
     *
     * @throws ReconException bad input (a table or column missing) or infrastructure
     */
    private ReconciliationReport reconcile(Instant startedAt, ClockRecorder clock) {
        ConnectionSpec db =
                new ConnectionSpec(
                        target.jdbcUrl(), target.jdbcUser(), target.jdbcPassword().orElse(null));
        ParityRun.Result parity =
                ParityRun.run(ParityRun.Options.of(db, plan.grace()).withClock(clock.mapping()));
        return Reports.build(
                        startedAt,
                        parity.comparisons(),
                        parity.latency(),
                        parity.freshnessGain(),
                        plan.gate(),
                        plan.history()
                                ? Optional.of(new RunHistory(db).migrate())
                                : Optional.empty())
                .withFaults(listener.faults());
    }
}

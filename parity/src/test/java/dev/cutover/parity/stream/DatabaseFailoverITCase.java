package dev.cutover.parity.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.cutover.contract.CutoverException;
import dev.cutover.contract.Defaults;
import dev.cutover.contract.ExitCode;
import dev.cutover.contract.stream.JobOption;
import dev.cutover.launch.flink.StandaloneFlinkCluster;
import dev.cutover.launch.flink.StreamJarLocator;
import dev.cutover.loadgen.generate.SchemaIds;
import dev.cutover.loadgen.produce.LoadRun;
import dev.cutover.loadgen.produce.SchemaRegistration;
import dev.cutover.loadgen.truth.TruthWriter;
import dev.cutover.model.db.OutputTables;
import dev.cutover.model.registry.RegistryClientConfig;
import dev.cutover.model.registry.SchemaRegistryClient;
import dev.cutover.parity.LoadSettings;
import dev.cutover.parity.ParityListener;
import dev.cutover.parity.ParityPlan;
import dev.cutover.parity.ParityTarget;
import dev.cutover.parity.ParityWorkflow;
import dev.cutover.parity.StreamSettings;
import dev.cutover.recon.gate.GatePolicy;
import dev.cutover.stack.EmbeddedPostgres;
import dev.cutover.stack.Service;
import dev.cutover.stack.StackEndpoints;
import dev.cutover.stack.StackOptions;
import dev.cutover.testkit.EmbeddedStackTest;
import dev.cutover.testkit.Jdbc;
import dev.cutover.testkit.KafkaTopics;
import dev.cutover.testkit.TestSchema;
import dev.cutover.testkit.TestTopic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job on a real standalone session cluster (JobManager and TaskManager JVMs, the shaded job jar
 * submitted over REST) while its database crashes, as an Aurora failover takes the writer away:
 * every connection dropped at once, the address refusing connections for a few seconds, then the
 * server back on the same address. The sink's tasks fail and the restart strategy restarts them on
 * the same TaskManager JVM, and in the end the stream's tables equal the truth of what Kafka
 * acknowledged: nothing lost, nothing counted twice. A database gone for longer than the restarts
 * allow ends a parity run with exit code 3 and one line naming the database, the TaskManager still
 * alive.
 *
 * <p>The database is this test's own PostgreSQL, which it crashes; Kafka and the registry are the
 * shared stack's. The cluster's folder (its JVMs' logs) is kept when a test fails.
 */
@EmbeddedStackTest(services = {Service.KAFKA, Service.SCHEMA_REGISTRY})
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class DatabaseFailoverITCase {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseFailoverITCase.class);

    /**
     * How long the database is gone: several flush intervals and restart delays, well within the
     * restarts allowed.
     */
    private static final Duration OUTAGE = Duration.ofSeconds(5);

    /** The database password the job is given; any is accepted (trust), none may be printed. */
    private static final String SECRET = "s3cret-db-pass";

    private static final String TRANSACTION_COLUMNS =
            "transaction_id, account_id, event_time, event_hour, amount, currency, amount_usd,"
                    + " merchant_category, status, is_international, masked_card, kafka_timestamp";
    private static final String HOURLY_COLUMNS =
            "account_id, hour_start, txn_count, approved_amount_usd, declined_count,"
                    + " international_count, max_amount_usd";

    private EmbeddedPostgres postgres;
    private StackEndpoints db;

    @BeforeEach
    void startPostgres() {
        postgres = EmbeddedPostgres.start(StackOptions.defaults().withServices(Service.POSTGRES));
        db = new StackEndpoints(null, null, postgres.jdbcUrl(), postgres.user(), SECRET);
    }

    @AfterEach
    void stopPostgres() {
        postgres.close();
    }

    @Test
    void aDatabaseCrashRestartsTheTasksOnTheSameTaskManagerAndLosesNoRow(
            StackEndpoints stack,
            TestTopic topic,
            @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir)
            throws Exception {
        TestSchema schema = new TestSchema(topic.name());
        KafkaTopics.create(stack.kafkaBootstrapServers(), topic.name(), 2);
        OutputTables.migrateSchema(db.jdbcUrl(), db.jdbcUser(), db.jdbcPassword(), schema.name());
        SchemaIds ids =
                SchemaRegistration.register(
                        new SchemaRegistryClient(
                                RegistryClientConfig.of(stack.schemaRegistryUrl())),
                        topic.name());
        Properties kafka = new Properties();
        kafka.put("bootstrap.servers", stack.kafkaBootstrapServers());
        Map<String, String> options =
                Map.ofEntries(
                        Map.entry("bootstrap.servers", stack.kafkaBootstrapServers()),
                        Map.entry("topic", topic.name()),
                        Map.entry("schema.registry.url", stack.schemaRegistryUrl()),
                        Map.entry("jdbc.url", db.jdbcUrl()),
                        Map.entry("jdbc.user", db.jdbcUser()),
                        Map.entry("jdbc.password", SECRET),
                        Map.entry("jdbc.schema", schema.name()),
                        Map.entry("group.id", topic.name()),
                        Map.entry("parallelism", "2"),
                        Map.entry("checkpoint.interval", "1s"),
                        Map.entry("restart.attempts", "30"),
                        Map.entry("restart.delay", "1s"));

        try (StandaloneFlinkCluster cluster =
                StandaloneFlinkCluster.start(
                        new StreamJarLocator().locate(null), dir, 2, Duration.ofMinutes(2))) {
            cluster.submit(options);
            cluster.awaitRunning(Duration.ofMinutes(2));
            long taskManager = cluster.taskManagerPid();

            // 3,600 records over ~18 s, with out-of-order records and duplicates
            AtomicReference<LoadRun.Result> produced = new AtomicReference<>();
            AtomicReference<Throwable> loadFailure = new AtomicReference<>();
            LoadSettings settings =
                    new LoadSettings(1, 200, 200, 11, 500, 0.0, "5m..10m", 0.03, 0.02, 0.0);
            Thread load =
                    new Thread(
                            () -> {
                                try {
                                    produced.set(
                                            LoadRun.execute(
                                                    settings.generatorOptions(
                                                            Instant.now(), Duration.ofMinutes(10)),
                                                    topic.name(),
                                                    kafka,
                                                    ids,
                                                    g -> {}));
                                } catch (Throwable e) {
                                    loadFailure.set(e);
                                }
                            },
                            "load");
            load.start();

            // the job is writing under load: a checkpoint done, rows in the table
            cluster.awaitCompletedCheckpoints(1, Duration.ofMinutes(1));
            await().atMost(Duration.ofMinutes(1))
                    .until(() -> count(schema.qualify("card_transactions")) > 0);
            long restarts = cluster.restarts();
            assertThat(load.isAlive()).as("the load runs when the database crashes").isTrue();

            long crashed = System.nanoTime();
            postgres.crash();
            Thread.sleep(OUTAGE.toMillis()); // the outage itself, not a wait for a condition
            postgres.recover();
            long back = System.nanoTime();
            Instant backInDb = dbNow();

            // recovered: the job restarted, runs, and has written rows since the database is back
            await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(100))
                    .ignoreExceptions()
                    .until(
                            () ->
                                    cluster.restarts() > restarts
                                            && "RUNNING".equals(cluster.jobState())
                                            && writtenSince(schema, backInDb) > 0);
            long recovered = System.nanoTime();
            LOG.info(
                    "recovery: job RUNNING and writing {} ms after the database crashed, {} ms"
                            + " after it was back ({} ms down); {} restarts; TaskManager pid {}"
                            + " before, {} after",
                    TimeUnit.NANOSECONDS.toMillis(recovered - crashed),
                    TimeUnit.NANOSECONDS.toMillis(recovered - back),
                    TimeUnit.NANOSECONDS.toMillis(back - crashed),
                    cluster.restarts() - restarts,
                    taskManager,
                    cluster.taskManagerPid());
            assertThat(cluster.taskManagerPid()).as("the TaskManager's pid").isEqualTo(taskManager);
            assertThat(cluster.taskManagersStarted()).as("TaskManager JVMs started").isEqualTo(1);
            assertThat(ProcessHandle.of(taskManager).map(ProcessHandle::isAlive)).contains(true);

            load.join(TimeUnit.MINUTES.toMillis(2));
            assertThat(loadFailure.get()).as("the load failed").isNull();
            assertThat(produced.get()).as("the load ended").isNotNull();
            assertThat(produced.get().stats().failed()).isZero();
            TruthWriter truth =
                    new TruthWriter(
                            db.jdbcUrl(),
                            db.jdbcUser(),
                            db.jdbcPassword(),
                            TruthWriter.DEFAULT_SCHEMA);
            truth.migrate();
            truth.write(produced.get().truth());

            // once the stream has caught up, its tables hold exactly the truth's rows
            await().atMost(Duration.ofMinutes(1))
                    .pollInterval(Duration.ofMillis(500))
                    .untilAsserted(
                            () -> {
                                assertThat(
                                                differences(
                                                        schema,
                                                        "card_transactions",
                                                        TRANSACTION_COLUMNS))
                                        .as("card_transactions: stream vs truth")
                                        .isEmpty();
                                assertThat(
                                                differences(
                                                        schema,
                                                        "account_hourly_spend",
                                                        HOURLY_COLUMNS))
                                        .as("account_hourly_spend: stream vs truth")
                                        .isEmpty();
                            });
            assertThat(count(schema.qualify("card_transactions")))
                    .isEqualTo(produced.get().truth().transactions().size())
                    .isGreaterThan(3_000);
            assertThat(cluster.jobState()).isEqualTo("RUNNING");
            assertThat(cluster.taskManagerPid()).isEqualTo(taskManager);
        }
    }

    @Test
    void aDatabaseGoneLongerThanTheRestartsAllowEndsTheParityRunWithOneLine(
            StackEndpoints stack,
            TestTopic topic,
            @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir)
            throws Exception {
        Properties kafka = new Properties();
        kafka.put("bootstrap.servers", stack.kafkaBootstrapServers());
        ParityTarget target =
                new ParityTarget(
                        kafka,
                        topic.name(),
                        stack.schemaRegistryUrl(),
                        Optional.empty(),
                        db.jdbcUrl(),
                        db.jdbcUser(),
                        Optional.of(SECRET));
        // 12,000 records over ~60 s: the run would go on long after the job has failed
        LoadSettings load = new LoadSettings(1, 200, 60, 13, 500, 0.0, "5m..10m", 0.03, 0.02, 0.0);
        Duration grace = Duration.ofMinutes(10);
        ParityPlan plan =
                ParityPlan.of(
                                load,
                                load.generatorOptions(Instant.now(), grace),
                                grace,
                                GatePolicy.standard(),
                                dir.resolve("report"))
                        .withStream(
                                StreamSettings.defaults()
                                        .withCheckpointInterval(Duration.ofSeconds(1))
                                        .withOption(JobOption.RESTART_ATTEMPTS, "2")
                                        .withOption(JobOption.RESTART_DELAY, "1s"));
        AtomicReference<StandaloneFlinkCluster> cluster = new AtomicReference<>();
        String written = Defaults.STREAM_SCHEMA + ".card_transactions";
        // once the job has written rows, the database crashes and stays down
        ParityListener crash =
                new ParityListener() {
                    @Override
                    public void during(Instant simulated) throws SQLException {
                        if (postgres.isRunning() && count(written) > 0) {
                            postgres.crash();
                        }
                    }
                };
        ParityWorkflow workflow =
                new ParityWorkflow(
                        target,
                        plan,
                        new ClusterStreamRunner(() -> startCluster(dir.resolve("flink"), cluster)),
                        (arguments, lines) -> {
                            throw new AssertionError(
                                    "no batch hour is due before the job fails: "
                                            + arguments.hours());
                        },
                        crash);

        long started = System.nanoTime();
        Throwable thrown = catchThrowable(() -> workflow.run(false));

        assertThat(postgres.isRunning()).as("the database crashed").isFalse();
        assertThat(thrown).isInstanceOf(CutoverException.class);
        CutoverException failure = (CutoverException) thrown;
        String line = failure.getMessage();
        LOG.info(
                "the run ended {} ms after it started: exit {}, {}",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                failure.exitCode().code(),
                line);
        // what `cutover run` prints as `cutover: LINE` before it exits with 3 (ErrorReporter)
        assertThat(failure.exitCode()).isEqualTo(ExitCode.INFRASTRUCTURE);
        assertThat(failure.exitCode().code()).isEqualTo(3);
        assertThat(line)
                .doesNotContain("\n")
                .startsWith(
                        "the Flink job is FAILED: cannot write to the database "
                                + db.jdbcUrl()
                                + " (table "
                                + Defaults.STREAM_SCHEMA
                                + ".")
                .contains("127.0.0.1:" + postgres.port() + " refused")
                .doesNotContain(SECRET)
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
        // the job failed; its TaskManager did not
        assertThat(cluster.get().taskManagersStarted()).isEqualTo(1);
    }

    private static StandaloneFlinkCluster startCluster(
            Path dir, AtomicReference<StandaloneFlinkCluster> started) {
        try {
            started.set(
                    StandaloneFlinkCluster.start(
                            new StreamJarLocator().locate(null), dir, 2, Duration.ofMinutes(2)));
            return started.get();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The rows of {@code table} only in the stream's schema or only in the truth's, each side with
     * its duplicates ({@code EXCEPT ALL}): at most 10, each after the side it is on.
     */
    private List<String> differences(TestSchema schema, String table, String columns)
            throws SQLException {
        String stream = "SELECT " + columns + " FROM " + schema.qualify(table);
        String truth = "SELECT " + columns + " FROM " + TruthWriter.DEFAULT_SCHEMA + "." + table;
        return Jdbc.query(
                        db,
                        "(SELECT 'stream only' AS side, d.* FROM ("
                                + stream
                                + " EXCEPT ALL "
                                + truth
                                + ") d) UNION ALL (SELECT 'truth only', d.* FROM ("
                                + truth
                                + " EXCEPT ALL "
                                + stream
                                + ") d) LIMIT 10")
                .stream()
                .map(
                        row ->
                                row.values().stream()
                                        .map(String::valueOf)
                                        .collect(Collectors.joining(" ")))
                .toList();
    }

    private long count(String table) throws SQLException {
        return ((Number) Jdbc.query(db, "SELECT count(*) AS n FROM " + table).get(0).get("n"))
                .longValue();
    }

    private long writtenSince(TestSchema schema, Instant since) throws SQLException {
        return ((Number)
                        Jdbc.query(
                                        db,
                                        "SELECT count(*) AS n FROM "
                                                + schema.qualify("card_transactions")
                                                + " WHERE written_at > ?",
                                        Timestamp.from(since))
                                .get(0)
                                .get("n"))
                .longValue();
    }

    /** The database's clock, which stamps {@code written_at}. */
    private Instant dbNow() throws SQLException {
        return ((Timestamp) Jdbc.query(db, "SELECT clock_timestamp() AS now").get(0).get("now"))
                .toInstant();
    }
}

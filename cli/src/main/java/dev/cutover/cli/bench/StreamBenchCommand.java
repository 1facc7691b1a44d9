package dev.cutover.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.cutover.contract.CutoverException;
import dev.cutover.contract.ExitCode;
import dev.cutover.launch.flink.FlinkRestClient;
import dev.cutover.launch.flink.LocalFlinkJob;
import dev.cutover.launch.flink.StreamJarLocator;
import dev.cutover.loadgen.config.GeneratorOptions;
import dev.cutover.loadgen.generate.SchemaIds;
import dev.cutover.loadgen.produce.LoadRun;
import dev.cutover.loadgen.produce.SchemaRegistration;
import dev.cutover.model.db.OutputTables;
import dev.cutover.model.registry.SchemaRegistryClient;
import dev.cutover.stack.EmbeddedStack;
import dev.cutover.stack.StackOptions;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cutover bench stream}: on the embedded stack started in this process, N pre-loaded events;
 * (a) the PostgreSQL ingest ceiling (the same rows, a plain batched JDBC upsert from this process
 * into schema {@code bench_ceiling}); (b) the Flink job in its own JVM, bounded, Kafka → both
 * tables in {@code bench_stream}; the ratio; (c) end-to-end latency ({@code written_at} − Kafka
 * timestamp, the broker's append time) with the job running unbounded while the generator offers a
 * fixed rate, measured once the job has warmed up and completed its first checkpoint.
 */
@Command(
        name = "stream",
        mixinStandardHelpOptions = true,
        description =
                "The Flink job (own JVM, local cluster) against a plain batched JDBC upsert of the"
                        + " same rows on the embedded stack: events/s, the ratio, and end-to-end"
                        + " latency p50/p99/max at a fixed offered rate.")
public final class StreamBenchCommand implements Callable<Integer> {
    static final String CEILING_SCHEMA = "bench_ceiling";
    static final String STREAM_SCHEMA = "bench_stream";
    static final String LATENCY_SCHEMA = "bench_latency";
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(10);

    /** Issue 17's goals, printed next to the figures. */
    static final double RATIO_GOAL = 0.85;

    static final long LATENCY_P99_GOAL_MS = 500;

    @Spec CommandSpec spec;

    @Option(
            names = "--events",
            paramLabel = "N",
            defaultValue = "1000000",
            description =
                    "Events pre-loaded for the throughput runs (default ${DEFAULT-VALUE}: long"
                            + " enough that the job's JIT warm-up is not most of the run).")
    long events;

    @Option(
            names = "--rate",
            paramLabel = "R",
            defaultValue = "5000",
            description = "Offered load of the latency run, events/s (default ${DEFAULT-VALUE}).")
    double rate;

    @Option(
            names = "--latency-events",
            paramLabel = "M",
            description =
                    "Events of the latency run, offered once the job has completed its first"
                            + " checkpoint (default: 20 s at --rate).")
    Long latencyEvents;

    @Option(
            names = "--partitions",
            paramLabel = "P",
            defaultValue = "4",
            description = "Partitions of each topic (default ${DEFAULT-VALUE}).")
    int partitions;

    @Option(
            names = "--parallelism",
            paramLabel = "N",
            defaultValue = "2",
            description = "Flink job parallelism (default ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(
            names = "--ceiling-batch",
            paramLabel = "ROWS",
            defaultValue = "5000",
            description = "Rows per JDBC batch of the ceiling (default ${DEFAULT-VALUE}).")
    int ceilingBatch;

    @Option(
            names = "--job-option",
            paramLabel = "KEY=VALUE",
            description =
                    "A job option for both Flink runs, e.g. sink.batch-size=10000 (repeatable).")
    Map<String, String> jobOptions = new LinkedHashMap<>();

    @Option(names = "--stream-jar", paramLabel = "JAR", description = "The job jar to run.")
    Path streamJar;

    @Option(
            names = "--heap",
            paramLabel = "SIZE",
            defaultValue = "2g",
            description = "Heap of the Flink JVM (default ${DEFAULT-VALUE}).")
    String heap;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the figures as JSON.")
    Path json;

    @Override
    public Integer call() throws Exception {
        if (events < 1000) {
            throw CutoverException.badInput("--events must be at least 1000, got " + events);
        }
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw CutoverException.badInput("--rate must be > 0, got " + rate);
        }
        long measured = latencyEvents == null ? Math.round(rate * 20) : latencyEvents;
        if (measured < 100) {
            throw CutoverException.badInput("--latency-events must be at least 100");
        }
        if (partitions < 1 || parallelism < 1 || ceilingBatch < 1) {
            throw CutoverException.badInput(
                    "--partitions, --parallelism and --ceiling-batch must be at least 1");
        }
        StreamJarLocator.StreamJar jar = new StreamJarLocator().locate(streamJar);
        jar.requireFlinkLib();
        PrintWriter out = spec.commandLine().getOut();
        String loadAtStart = loadAverage();
        try (EmbeddedStack stack = EmbeddedStack.start(StackOptions.defaults())) {
            Properties client = new Properties();
            client.setProperty("bootstrap.servers", stack.kafkaBootstrapServers());
            try (Admin admin =
                    Admin.create(Map.of("bootstrap.servers", client.get("bootstrap.servers")))) {
                NewTopic latency =
                        new NewTopic("bench-latency", Optional.of(partitions), Optional.empty())
                                .configs(Map.of("message.timestamp.type", "LogAppendTime"));
                admin.createTopics(
                                List.of(
                                        new NewTopic(
                                                "bench-stream",
                                                Optional.of(partitions),
                                                Optional.empty()),
                                        latency))
                        .all()
                        .get(60, TimeUnit.SECONDS);
            }
            for (String schema : List.of(CEILING_SCHEMA, STREAM_SCHEMA, LATENCY_SCHEMA)) {
                OutputTables.migrateSchema(
                        stack.jdbcUrl(), stack.jdbcUser(), stack.jdbcPassword(), schema);
            }
            SchemaRegistryClient registry = SchemaRegistryClient.of(stack.schemaRegistryUrl());

            // Pre-load N events; the generator's ground truth is the rows both sides must write.
            SchemaIds ids = SchemaRegistration.register(registry, "bench-stream");
            Instant start = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.HOURS);
            LoadRun.Result preload =
                    LoadRun.execute(
                            GeneratorOptions.defaults(42, events, start)
                                    .withAccounts(10_000, 1.1)
                                    .withSpeedup(2),
                            "bench-stream",
                            client,
                            ids,
                            load -> {});
            requireAcknowledged(preload, events);
            int cardRows = preload.truth().transactions().size();
            int spendRows = preload.truth().hourlySpend().size();
            out.printf(
                    "pre-loaded            %d events (%d partitions): %d card_transactions rows,"
                            + " %d account_hourly_spend rows%n",
                    events, partitions, cardRows, spendRows);
            out.flush();

            // (a) the ceiling: the same rows, one process, batched upserts. CPU seconds of both
            // sides (database backends, this thread) next to each wall-clock figure.
            DatabaseCpu database = DatabaseCpu.of(stack);
            double ceilingDbCpu = database.seconds();
            long ceilingClientNanos =
                    java.lang.management.ManagementFactory.getThreadMXBean()
                            .getCurrentThreadCpuTime();
            long ceilingNanos =
                    new UpsertCeiling(
                                    stack.jdbcUrl(),
                                    stack.jdbcUser(),
                                    stack.jdbcPassword(),
                                    ceilingBatch)
                            .write(CEILING_SCHEMA, preload.truth());
            double ceilingClientCpu =
                    (java.lang.management.ManagementFactory.getThreadMXBean()
                                            .getCurrentThreadCpuTime()
                                    - ceilingClientNanos)
                            / 1e9;
            ceilingDbCpu = database.seconds() - ceilingDbCpu;
            double ceilingSeconds = ceilingNanos / 1e9;
            double ceilingRps = events / ceilingSeconds;
            out.printf(
                    "ceiling (JDBC upsert) %10.0f events/s  (%d + %d rows in %.2f s, batch %d;"
                            + " CPU s: database %.1f, client %.1f)%n",
                    ceilingRps,
                    cardRows,
                    spendRows,
                    ceilingSeconds,
                    ceilingBatch,
                    ceilingDbCpu,
                    ceilingClientCpu);
            out.flush();

            // (b) the Flink job, bounded, Kafka → both tables.
            Map<String, String> options = jobOptions(stack, "bench-stream", STREAM_SCHEMA);
            options.put("bounded", "true");
            long wallStart = System.nanoTime();
            double jobJvmCpu = ProcessCpu.childrenOfThisJvm();
            double jobDbCpu = database.seconds();
            try (LocalFlinkJob job = LocalFlinkJob.start(jar, options, heap, started -> {})) {
                int exit = job.waitFor(JOB_TIMEOUT);
                if (exit != 0) {
                    throw CutoverException.infrastructure(
                            "the Flink job ended with exit code "
                                    + exit
                                    + ": "
                                    + job.tail()
                                    + " — log: "
                                    + job.log(),
                            null);
                }
            }
            double wallSeconds = (System.nanoTime() - wallStart) / 1e9;
            // The job's JVM has exited and been waited for: its CPU is this JVM's children's.
            jobJvmCpu = ProcessCpu.childrenOfThisJvm() - jobJvmCpu;
            jobDbCpu = database.seconds() - jobDbCpu;
            database.close();
            WriteSpan span = writeSpan(stack, STREAM_SCHEMA);
            if (span.cardRows() != cardRows) {
                throw CutoverException.infrastructure(
                        "the job wrote "
                                + span.cardRows()
                                + " card_transactions rows, expected "
                                + cardRows,
                        null);
            }
            double streamEps = events / span.seconds();
            double ratio = streamEps / ceilingRps;
            Sustained sustained = sustained(stack, STREAM_SCHEMA);
            long spendUpserts = upserts(stack, STREAM_SCHEMA, "account_hourly_spend");
            out.printf(
                    "flink job (p=%d)      %10.0f events/s  (first to last written_at %.2f s;"
                            + " %.1f s wall with JVM and cluster start; CPU s: database %.1f,"
                            + " job JVM %.1f with its start and planning)%n",
                    parallelism, streamEps, span.seconds(), wallSeconds, jobDbCpu, jobJvmCpu);
            out.printf(
                    "  sustained           %10.0f events/s  (the last %.0f%% of card_transactions"
                            + " rows: JIT warm-up excluded)%n",
                    sustained.eps(), (1 - SUSTAINED_FROM) * 100);
            out.printf(
                    "  upserts             %d card_transactions + %d account_hourly_spend"
                            + " (the ceiling writes each final row once: %d + %d)%n",
                    cardRows, spendUpserts, cardRows, spendRows);
            out.printf(
                    "ratio                 %.2f  (job / ceiling of this run; goal ≥ %.2f;"
                            + " sustained %.2f)%n",
                    ratio, RATIO_GOAL, sustained.eps() / ceilingRps);
            out.flush();

            // (c) latency at a fixed offered load, the job running unbounded.
            SchemaIds latencyIds = SchemaRegistration.register(registry, "bench-latency");
            Latency latency;
            long warmup;
            Map<String, String> latencyOptions = jobOptions(stack, "bench-latency", LATENCY_SCHEMA);
            latencyOptions.put("bounded", "false");
            try (LocalFlinkJob job =
                    LocalFlinkJob.start(jar, latencyOptions, heap, started -> {})) {
                String jobId = job.awaitJobId(JOB_TIMEOUT);
                warmup = warmUp(job, jobId, client, latencyIds);
                awaitRows(stack, warmup, job);
                Instant measuring = Instant.now();
                produceAtRate(client, latencyIds, MEASURED_SEED, measured);
                awaitRows(stack, warmup + measured, job);
                latency = latency(stack, measuring);
            }
            out.printf(
                    "latency at %.0f/s      p50 %d ms, p99 %d ms, max %d ms  (%d events after"
                            + " %d of warm-up and the first checkpoint, written_at − Kafka"
                            + " append time; goal p99 ≤ %d ms)%n",
                    rate,
                    latency.p50(),
                    latency.p99(),
                    latency.max(),
                    latency.count(),
                    warmup,
                    LATENCY_P99_GOAL_MS);
            out.printf("  p99 per second        %s ms%n", latency.p99BySecond());
            out.flush();
            if (json != null) {
                Map<String, Object> figures = new LinkedHashMap<>();
                figures.put("events", events);
                figures.put("partitions", partitions);
                figures.put("parallelism", parallelism);
                figures.put("job_options", jobOptions);
                figures.put("card_rows", cardRows);
                figures.put("spend_rows", spendRows);
                figures.put("ceiling_rps", Math.round(ceilingRps));
                figures.put("ceiling_seconds", round2(ceilingSeconds));
                figures.put("ceiling_db_cpu_s", round2(ceilingDbCpu));
                figures.put("ceiling_client_cpu_s", round2(ceilingClientCpu));
                figures.put("stream_eps", Math.round(streamEps));
                figures.put("stream_seconds", round2(span.seconds()));
                figures.put("stream_wall_seconds", round2(wallSeconds));
                figures.put("stream_db_cpu_s", round2(jobDbCpu));
                figures.put("stream_jvm_cpu_s", round2(jobJvmCpu));
                figures.put("ratio", round2(ratio));
                figures.put("ratio_goal", RATIO_GOAL);
                figures.put("stream_sustained_eps", Math.round(sustained.eps()));
                figures.put("ratio_sustained", round2(sustained.eps() / ceilingRps));
                figures.put("stream_spend_upserts", spendUpserts);
                figures.put("rate", rate);
                figures.put("latency_events", latency.count());
                figures.put("latency_warmup_events", warmup);
                figures.put("latency_p50_ms", latency.p50());
                figures.put("latency_p99_ms", latency.p99());
                figures.put("latency_max_ms", latency.max());
                figures.put("latency_p99_ms_by_second", latency.p99BySecond());
                figures.put("latency_p99_goal_ms", LATENCY_P99_GOAL_MS);
                figures.put("load_average_start", loadAtStart);
                figures.put("load_average", loadAverage());
                Path parent = json.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                new ObjectMapper()
                        .enable(SerializationFeature.INDENT_OUTPUT)
                        .writeValue(json.toFile(), figures);
            }
        }
        return ExitCode.OK.code();
    }

    private Map<String, String> jobOptions(EmbeddedStack stack, String topic, String schema) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("bootstrap.servers", stack.kafkaBootstrapServers());
        options.put("topic", topic);
        options.put("group.id", "cutover-bench-" + topic);
        options.put("starting.offsets", "earliest");
        options.put("schema.registry.url", stack.schemaRegistryUrl());
        options.put("jdbc.url", stack.jdbcUrl());
        options.put("jdbc.user", stack.jdbcUser());
        if (stack.jdbcPassword() != null) {
            options.put("jdbc.password", stack.jdbcPassword());
        }
        options.put("jdbc.schema", schema);
        options.put("parallelism", Integer.toString(parallelism));
        options.put("checkpoint.interval", "10s");
        options.putAll(jobOptions);
        return options;
    }

    /**
     * Offers load at the rate, 2 s at a time, until the job has completed its first checkpoint (at
     * most {@value #WARM_UP_CHUNKS} times): a fresh JVM runs its hot paths interpreted at first,
     * and its first checkpoint stalls the pipeline for about a second (docs/benchmarks.md), which a
     * long-running job pays once; the measured events are all offered after it.
     *
     * @return the events offered
     */
    private long warmUp(LocalFlinkJob job, String jobId, Properties client, SchemaIds ids)
            throws InterruptedException {
        FlinkRestClient rest = new FlinkRestClient("http://127.0.0.1:" + job.uiPort());
        long chunk = Math.max(1000, Math.round(rate * 2));
        long offered = 0;
        for (int i = 0; i < WARM_UP_CHUNKS; i++) {
            produceAtRate(client, ids, WARM_UP_SEED + i, chunk);
            offered += chunk;
            if (rest.completedCheckpoints(jobId) > 0) {
                break;
            }
        }
        return offered;
    }

    private void produceAtRate(Properties client, SchemaIds ids, long seed, long count)
            throws InterruptedException {
        LoadRun.Result result =
                LoadRun.execute(
                        GeneratorOptions.defaults(seed, count, Instant.now())
                                .withAccounts(10_000, 1.1)
                                .withRate(rate),
                        "bench-latency",
                        client,
                        ids,
                        load -> {});
        requireAcknowledged(result, count);
    }

    private static void requireAcknowledged(LoadRun.Result result, long expected) {
        if (result.stats().acknowledged() != expected) {
            throw CutoverException.infrastructure(
                    "Kafka acknowledged "
                            + result.stats().acknowledged()
                            + " of "
                            + expected
                            + " generated events",
                    null);
        }
    }

    private static void awaitRows(EmbeddedStack stack, long expected, LocalFlinkJob job)
            throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + JOB_TIMEOUT.toNanos();
        long rows = 0;
        while (System.nanoTime() < deadline) {
            if (!job.isAlive()) {
                throw CutoverException.infrastructure("the Flink job ended early", null);
            }
            rows = count(stack, "SELECT count(*) FROM " + LATENCY_SCHEMA + ".card_transactions");
            if (rows >= expected) {
                return;
            }
            Thread.sleep(100);
        }
        throw CutoverException.infrastructure(
                "the job wrote " + rows + " of " + expected + " rows within " + JOB_TIMEOUT, null);
    }

    private record WriteSpan(long cardRows, double seconds) {}

    private static WriteSpan writeSpan(EmbeddedStack stack, String schema) throws SQLException {
        String sql =
                ("SELECT (SELECT count(*) FROM %1$s.card_transactions),"
                                + " extract(epoch FROM max(w) - min(w)) FROM ("
                                + " SELECT written_at AS w FROM %1$s.card_transactions"
                                + " UNION ALL SELECT written_at FROM %1$s.account_hourly_spend) t")
                        .formatted(schema);
        try (Connection c = connect(stack);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            r.next();
            return new WriteSpan(r.getLong(1), Math.max(r.getDouble(2), 0.001));
        }
    }

    /** The latency run's warm-up: 2-s chunks of load, each of its own seed (so its own ids). */
    private static final int WARM_UP_CHUNKS = 30;

    private static final long WARM_UP_SEED = 100;
    private static final long MEASURED_SEED = 8;

    /** Events/s over the card_transactions rows written after this fraction of them. */
    static final double SUSTAINED_FROM = 0.25;

    private record Sustained(long rows, double seconds) {
        double eps() {
            return rows / seconds;
        }
    }

    /**
     * The job's rate once its JVM has warmed up: card_transactions rows written after the first
     * {@value #SUSTAINED_FROM} of them (by {@code written_at}), over the time from that row to the
     * last write of either table.
     */
    private static Sustained sustained(EmbeddedStack stack, String schema) throws SQLException {
        String sql =
                ("WITH c AS (SELECT written_at AS w FROM %1$s.card_transactions),"
                                + " f AS (SELECT percentile_disc(%2$s) WITHIN GROUP (ORDER BY w)"
                                + " AS w0 FROM c),"
                                + " e AS (SELECT max(w) AS w1 FROM (SELECT w FROM c UNION ALL"
                                + " SELECT written_at FROM %1$s.account_hourly_spend) t)"
                                + " SELECT (SELECT count(*) FROM c, f WHERE c.w > f.w0),"
                                + " extract(epoch FROM e.w1 - f.w0) FROM f, e")
                        .formatted(schema, Double.toString(SUSTAINED_FROM));
        try (Connection c = connect(stack);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            r.next();
            return new Sustained(r.getLong(1), Math.max(r.getDouble(2), 0.001));
        }
    }

    /** Rows inserted plus rows updated in {@code schema.table} (PostgreSQL's statistics). */
    private static long upserts(EmbeddedStack stack, String schema, String table)
            throws SQLException {
        return count(
                stack,
                ("SELECT n_tup_ins + n_tup_upd FROM pg_stat_user_tables"
                                + " WHERE schemaname = '%s' AND relname = '%s'")
                        .formatted(schema, table));
    }

    /**
     * @param p99BySecond the p99 of the events appended in each second of the measured run, in
     *     order: a tail in the first seconds is the JVM warming up, one every checkpoint interval
     *     is the checkpoints
     */
    private record Latency(long count, long p50, long p99, long max, List<Long> p99BySecond) {}

    private static Latency latency(EmbeddedStack stack, Instant from) throws SQLException {
        String sql =
                ("SELECT count(*), percentile_cont(0.5) WITHIN GROUP (ORDER BY ms),"
                     + " percentile_cont(0.99) WITHIN GROUP (ORDER BY ms), max(ms) FROM ( SELECT"
                     + " extract(epoch FROM written_at - kafka_timestamp) * 1000 AS ms FROM"
                     + " %s.card_transactions WHERE kafka_timestamp >= '%s') t")
                        .formatted(LATENCY_SCHEMA, from.toString());
        try (Connection c = connect(stack);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            r.next();
            return new Latency(
                    r.getLong(1),
                    Math.round(r.getDouble(2)),
                    Math.round(r.getDouble(3)),
                    Math.round(r.getDouble(4)),
                    p99BySecond(stack, from));
        }
    }

    private static List<Long> p99BySecond(EmbeddedStack stack, Instant from) throws SQLException {
        String sql =
                ("SELECT percentile_cont(0.99) WITHIN GROUP (ORDER BY ms) FROM (SELECT"
                                + " floor(extract(epoch FROM kafka_timestamp)) AS second,"
                                + " extract(epoch FROM written_at - kafka_timestamp) * 1000 AS ms"
                                + " FROM %s.card_transactions WHERE kafka_timestamp >= '%s') t"
                                + " GROUP BY second ORDER BY second")
                        .formatted(LATENCY_SCHEMA, from.toString());
        List<Long> p99s = new ArrayList<>();
        try (Connection c = connect(stack);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                p99s.add(Math.round(r.getDouble(1)));
            }
        }
        return p99s;
    }

    private static long count(EmbeddedStack stack, String sql) throws SQLException {
        try (Connection c = connect(stack);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static Connection connect(EmbeddedStack stack) throws SQLException {
        return DriverManager.getConnection(stack.jdbcUrl(), stack.jdbcUser(), stack.jdbcPassword());
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (Exception e) {
            return "";
        }
    }

    /**
     * CPU seconds of the embedded PostgreSQL's client backends (the connections that write; not
     * autovacuum, whose work lands in whichever phase it happens to run): a thread polls {@code
     * pg_stat_activity} every 50 ms on a connection of its own and keeps the largest {@code utime +
     * stime} of each other backend's {@code /proc/PID/stat}; a backend's last &lt; 50 ms may be
     * missed.
     */
    private static final class DatabaseCpu {
        private final Connection connection;
        private final Map<Long, Long> ticks = new java.util.concurrent.ConcurrentHashMap<>();
        private final Thread poller;
        private volatile boolean running = true;

        private DatabaseCpu(Connection connection) {
            this.connection = connection;
            this.poller = new Thread(this::poll, "bench-database-cpu");
            poller.setDaemon(true);
            poller.start();
        }

        static DatabaseCpu of(EmbeddedStack stack) throws SQLException {
            return new DatabaseCpu(connect(stack));
        }

        private void poll() {
            while (running) {
                try (Statement s = connection.createStatement();
                        ResultSet r =
                                s.executeQuery(
                                        "SELECT pid FROM pg_stat_activity WHERE"
                                                + " backend_type = 'client backend'"
                                                + " AND pid <> pg_backend_pid()")) {
                    while (r.next()) {
                        long pid = r.getLong(1);
                        long t = ProcessCpu.ticks(pid);
                        if (t >= 0) {
                            ticks.merge(pid, t, Math::max);
                        }
                    }
                    Thread.sleep(50);
                } catch (SQLException e) {
                    return;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        /** CPU seconds of every client backend seen so far. */
        double seconds() {
            return ticks.values().stream().mapToLong(Long::longValue).sum()
                    / ProcessCpu.TICKS_PER_SECOND;
        }

        void close() throws SQLException, InterruptedException {
            running = false;
            poller.join();
            connection.close();
        }
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }
}

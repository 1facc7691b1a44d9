package dev.cutover.cli.generate;

import dev.cutover.cli.options.DurationOption;
import dev.cutover.cli.options.TargetOptions;
import dev.cutover.cli.progress.Progress;
import dev.cutover.contract.CutoverException;
import dev.cutover.contract.Defaults;
import dev.cutover.contract.ExitCode;
import dev.cutover.contract.Redact;
import dev.cutover.loadgen.config.DelayRange;
import dev.cutover.loadgen.config.FaultOptions;
import dev.cutover.loadgen.config.GeneratorOptions;
import dev.cutover.loadgen.config.SchemaMix;
import dev.cutover.loadgen.generate.SchemaIds;
import dev.cutover.loadgen.produce.LoadGenerator;
import dev.cutover.loadgen.produce.LoadRun;
import dev.cutover.loadgen.produce.SchemaRegistration;
import dev.cutover.loadgen.produce.StatsSnapshot;
import dev.cutover.loadgen.produce.TimestampCheck;
import dev.cutover.loadgen.produce.TopicLimits;
import dev.cutover.loadgen.produce.TopicPreparation;
import dev.cutover.loadgen.truth.SummaryJson;
import dev.cutover.loadgen.truth.TruthReport;
import dev.cutover.loadgen.truth.TruthWriter;
import dev.cutover.model.registry.PemTrust;
import dev.cutover.model.registry.RegistryClientConfig;
import dev.cutover.model.registry.SchemaRegistryClient;
import dev.cutover.parity.LoadSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cutover generate}: synthetic Confluent-Avro card transactions into a Kafka topic, with
 * faults, on a simulated clock, and the ground truth of what Kafka acknowledged.
 */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Sends synthetic card transactions (Confluent Avro, schemas registered) to Kafka with"
                    + " the faults a parity test needs, and records the ground truth.",
            "--rate is records per real second; record i is stamped start + i*speedup/rate on the"
                    + " simulated clock (with --rate 0, --nominal-rate stands in)."
        })
public final class GenerateCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(GenerateCommand.class);

    @Spec CommandSpec spec;
    @Mixin TargetOptions target;

    @Option(names = "--events", paramLabel = "N", description = "Records to send.")
    Long events;

    @Option(
            names = "--duration",
            paramLabel = "D",
            description = "Send for this long (real time), e.g. 90s, 5m, PT1H.")
    String duration;

    @Option(
            names = "--rate",
            paramLabel = "R",
            defaultValue = "0",
            description = "Records per real second; 0 = as fast as possible (default).")
    double rate;

    @Option(
            names = "--seed",
            paramLabel = "S",
            defaultValue = "1",
            description = "Seed: the same seed and options give the same records (default 1).")
    long seed;

    @Option(
            names = "--accounts",
            paramLabel = "N",
            defaultValue = "10000",
            description = "Number of accounts (default ${DEFAULT-VALUE}).")
    int accounts;

    @Option(
            names = "--skew",
            paramLabel = "S",
            defaultValue = "1.1",
            description = "Zipf exponent of the account distribution; 0 = uniform (default 1.1).")
    double skew;

    @Option(
            names = "--schema-mix",
            paramLabel = "MIX",
            defaultValue = "v1:0.7,v2:0.3",
            description = "Share of each schema version (default ${DEFAULT-VALUE}).")
    String schemaMix;

    @Option(
            names = "--start",
            paramLabel = "INSTANT",
            description =
                    "Simulated time of the first record, an ISO-8601 instant"
                            + " (YYYY-MM-DDTHH:MM:SSZ; default now). The topic must keep records"
                            + " that old and accept the newest: checked before sending.")
    String start;

    @Option(
            names = "--speedup",
            paramLabel = "K",
            defaultValue = "1",
            description = "Simulated seconds per real second (default 1 = real time).")
    double speedup;

    @Option(
            names = "--nominal-rate",
            paramLabel = "R",
            defaultValue = "1000",
            description = "With --rate 0: the rate the simulated clock assumes (default 1000/s).")
    double nominalRate;

    @Option(
            names = "--threads",
            paramLabel = "T",
            defaultValue = "1",
            description = "Generating threads (the records do not depend on it).")
    int threads;

    @Option(
            names = "--late-fraction",
            paramLabel = "F",
            defaultValue = "0",
            description =
                    "Share of events that arrive late, after their hour's batch may have run"
                            + " (default ${DEFAULT-VALUE}).")
    double lateFraction;

    @Option(
            names = "--late-delay",
            paramLabel = "MIN..MAX",
            defaultValue = LoadSettings.LATE_DELAY,
            description = "How late late events arrive (default ${DEFAULT-VALUE}).")
    String lateDelay;

    @Option(
            names = "--out-of-order-fraction",
            paramLabel = "F",
            defaultValue = "0",
            description =
                    "Share of events stamped 5 s to 2 min before the records around them"
                            + " (default ${DEFAULT-VALUE}).")
    double outOfOrderFraction;

    @Option(
            names = "--duplicate-fraction",
            paramLabel = "F",
            defaultValue = "0",
            description =
                    "Share of records that resend an earlier event (default ${DEFAULT-VALUE}).")
    double duplicateFraction;

    @Option(
            names = "--poison-fraction",
            paramLabel = "F",
            defaultValue = "0",
            description =
                    "Share of undecodable records, for the dead letters (default"
                            + " ${DEFAULT-VALUE}).")
    double poisonFraction;

    @Option(
            names = "--grace",
            paramLabel = "D",
            defaultValue = Defaults.GRACE_TEXT,
            description =
                    "Batch cutoff grace after each hour, for the late-arrival count (default"
                            + " ${DEFAULT-VALUE}).")
    String grace;

    @Option(
            names = "--create-topic",
            paramLabel = "PARTITIONS",
            description = "Create the topic with this many partitions when it does not exist.")
    Integer createTopic;

    @Option(
            names = "--truth-jdbc-url",
            paramLabel = "URL",
            description =
                    "Write the ground truth into this database (user and password as for"
                            + " --jdbc-url: --jdbc-user, JDBC_PASSWORD or --jdbc-password-file).")
    String truthJdbcUrl;

    @Option(
            names = "--truth-schema",
            paramLabel = "NAME",
            defaultValue = TruthWriter.DEFAULT_SCHEMA,
            description = "Database schema of the truth tables (default ${DEFAULT-VALUE}).")
    String truthSchema;

    @Option(
            names = "--summary-json",
            paramLabel = "FILE",
            description = "Write the run's summary (counts, late events, poison offsets) here.")
    Path summaryJson;

    @Option(
            names = "--schema-registry-ca",
            paramLabel = "FILE",
            description = "PEM certificates to trust for an https schema registry.")
    Path registryCa;

    @Option(
            names = "--connect-timeout",
            paramLabel = "D",
            defaultValue = "15s",
            description = "How long Kafka may take to answer before the run gives up.")
    String connectTimeout;

    @Option(
            names = "--no-timestamp-check",
            description =
                    "Send even when the topic would delete records by their age (retention.ms)"
                            + " or reject them as too far ahead (message.timestamp.after.max.ms)"
                            + " or behind; checked before anything is sent unless this is given.")
    boolean noTimestampCheck;

    @Option(
            names = "--progress-interval",
            paramLabel = "D",
            defaultValue = Defaults.PROGRESS_INTERVAL_TEXT,
            description = "Interval of progress log lines when not on a terminal.")
    String progressInterval;

    @Override
    public Integer call() throws Exception {
        GeneratorOptions options = options();
        Duration timeout = DurationOption.parse("--connect-timeout", connectTimeout);
        String topic = target.topic();
        Properties client = target.kafkaProperties();
        String servers = client.getProperty("bootstrap.servers");

        Instant checked = Instant.now();
        TopicLimits limits = prepareTopic(client, topic, timeout, servers);
        OptionalLong atMost = OptionalLong.empty();
        if (!noTimestampCheck) {
            atMost = checkTimestamps(options, limits, checked);
            if (atMost.isPresent()) {
                options = options.withAtMost(atMost.getAsLong());
            }
        }
        SchemaIds ids = SchemaRegistration.register(registry(), topic);
        TruthWriter writer = truthWriter();
        LOG.info(
                "generating into {} at {}: schema ids v1={} v2={}, {}",
                topic,
                servers,
                ids.v1(),
                ids.v2(),
                options.events().isPresent()
                        ? options.events().getAsLong() + " records"
                        : "for " + options.duration().orElseThrow());

        AtomicReference<LoadGenerator> running = new AtomicReference<>();
        LoadRun.Result result;
        try (StopOnSignal signals =
                        new StopOnSignal(
                                () -> {
                                    LoadGenerator load = running.get();
                                    if (load != null) {
                                        load.stop();
                                    }
                                });
                Progress progress =
                        Progress.start(
                                () -> {
                                    LoadGenerator load = running.get();
                                    return progressLine(
                                            load == null ? null : load.stats().snapshot());
                                },
                                spec.commandLine().getErr(),
                                DurationOption.parse("--progress-interval", progressInterval))) {
            result = LoadRun.execute(options, topic, client, ids, running::set);
        } catch (org.apache.kafka.common.KafkaException e) {
            // Only the producer's construction throws here: sends report through callbacks.
            throw CutoverException.badInput(
                    "cannot create the Kafka producer (check --kafka-config): " + rootMessage(e));
        }
        TruthReport truth = result.truth();
        printSummary(result, topic);
        if (summaryJson != null) {
            SummaryJson.write(
                    summaryJson,
                    SummaryJson.toMap(truth, runInfo(options, ids), producerInfo(result.stats())));
        }
        if (writer != null) {
            try {
                writer.write(truth);
            } catch (SQLException e) {
                throw CutoverException.infrastructure(
                        "cannot write the truth to "
                                + Redact.jdbcUrl(truthJdbcUrl)
                                + ": "
                                + e.getMessage(),
                        e);
            }
        }
        if (atMost.isPresent()
                && !result.stoppedEarly()
                && result.stats().sent() >= atMost.getAsLong()) {
            throw CutoverException.badInput(
                    "stopped after "
                            + atMost.getAsLong()
                            + " records (all in the truth): the next would be stamped over "
                            + TimestampCheck.human(limits.maxAhead())
                            + " ahead of the broker's clock, which topic "
                            + topic
                            + " rejects (message.timestamp.after.max.ms); give a --rate, an"
                            + " earlier --start or a smaller --speedup");
        }
        if (result.stats().failed() > 0) {
            throw CutoverException.infrastructure(
                    result.stats().failed()
                            + " of "
                            + result.stats().sent()
                            + " records were not acknowledged by Kafka (see the log);"
                            + " the truth covers the acknowledged ones",
                    null);
        }
        return ExitCode.OK.code();
    }

    GeneratorOptions options() {
        if (events == null && duration == null) {
            throw CutoverException.badInput("give --events N or --duration D");
        }
        Instant startAt;
        try {
            startAt = start == null ? Instant.now() : Instant.parse(start);
        } catch (DateTimeParseException e) {
            throw CutoverException.badInput(
                    "--start: not an ISO-8601 instant: '" + start + "' (YYYY-MM-DDTHH:MM:SSZ)");
        }
        FaultOptions faults;
        try {
            faults =
                    new FaultOptions(
                            lateFraction,
                            DelayRange.parse(lateDelay),
                            outOfOrderFraction,
                            duplicateFraction,
                            poisonFraction);
        } catch (IllegalArgumentException e) {
            throw CutoverException.badInput(e.getMessage());
        }
        SchemaMix mix;
        try {
            mix = SchemaMix.parse(schemaMix);
        } catch (IllegalArgumentException e) {
            throw CutoverException.badInput("--schema-mix: " + e.getMessage());
        }
        try {
            return new GeneratorOptions(
                    seed,
                    accounts,
                    skew,
                    mix,
                    startAt,
                    speedup,
                    rate,
                    nominalRate,
                    events == null ? OptionalLong.empty() : OptionalLong.of(events),
                    duration == null
                            ? Optional.empty()
                            : Optional.of(DurationOption.parse("--duration", duration)),
                    threads,
                    faults,
                    DurationOption.parse("--grace", grace));
        } catch (IllegalArgumentException e) {
            throw CutoverException.badInput(e.getMessage());
        }
    }

    /** Checks (or creates) the topic and reads what it does with timestamps. */
    private TopicLimits prepareTopic(
            Properties client, String topic, Duration timeout, String servers) {
        if (createTopic != null && createTopic < 1) {
            throw CutoverException.badInput(
                    "--create-topic must be at least 1, got " + createTopic);
        }
        Properties admin = new Properties();
        admin.putAll(client);
        int millis = (int) timeout.toMillis();
        admin.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        try (Admin kafka = Admin.create(admin)) {
            int partitions =
                    TopicPreparation.prepare(
                            kafka, topic, Optional.ofNullable(createTopic), timeout);
            LOG.debug("topic {} has {} partitions", topic, partitions);
            return TopicLimits.describe(kafka, topic, timeout);
        } catch (TopicPreparation.TopicMissingException e) {
            throw CutoverException.badInput(
                    e.getMessage()
                            + " at "
                            + servers
                            + ": create it, or pass --create-topic PARTITIONS");
        } catch (TopicPreparation.KafkaUnavailableException e) {
            throw CutoverException.infrastructure("Kafka at " + servers + ": " + e.getMessage(), e);
        } catch (org.apache.kafka.common.KafkaException e) {
            throw CutoverException.badInput("Kafka client configuration: " + e.getMessage());
        }
    }

    /**
     * Refuses (exit 2) a run whose records the topic would delete or reject; returns how many
     * records a {@code --rate 0 --duration} run may send.
     */
    private OptionalLong checkTimestamps(
            GeneratorOptions options, TopicLimits limits, Instant now) {
        try {
            return TimestampCheck.check(options, limits, now);
        } catch (TimestampCheck.OutOfRange e) {
            String window =
                    e.earliestStart().isPresent() && e.latestStart().isPresent()
                            ? "a --start between "
                                    + e.earliestStart().get()
                                    + " and "
                                    + e.latestStart().get()
                            : e.latestStart().isPresent()
                                    ? "a --start of " + e.latestStart().get() + " or earlier"
                                    : "a --start nearer now, a smaller --speedup or fewer records";
            throw CutoverException.badInput(
                    e.getMessage()
                            + "; nothing was sent: give "
                            + window
                            + ", or --no-timestamp-check to send anyway");
        }
    }

    private SchemaRegistryClient registry() throws IOException {
        RegistryClientConfig config = target.registryConfig();
        if (registryCa != null) {
            String pem;
            try {
                pem = Files.readString(registryCa);
            } catch (IOException e) {
                throw CutoverException.badInput("cannot read --schema-registry-ca " + registryCa);
            }
            config = config.withSslContext(PemTrust.sslContext(pem));
        }
        return new SchemaRegistryClient(config);
    }

    private TruthWriter truthWriter() {
        if (truthJdbcUrl == null) {
            return null;
        }
        if (!truthJdbcUrl.startsWith("jdbc:postgresql:")) {
            throw CutoverException.badInput(
                    "--truth-jdbc-url must be a PostgreSQL URL, not "
                            + Redact.jdbcUrl(truthJdbcUrl));
        }
        TruthWriter writer;
        try {
            writer =
                    new TruthWriter(
                            truthJdbcUrl,
                            target.jdbcUser(),
                            target.jdbcPassword().orElse(null),
                            truthSchema);
        } catch (IllegalArgumentException e) {
            throw CutoverException.badInput("--truth-schema: " + e.getMessage());
        }
        try {
            writer.migrate(); // fails before anything is sent when the database is unreachable
        } catch (RuntimeException e) {
            throw CutoverException.infrastructure(
                    "database at " + Redact.jdbcUrl(truthJdbcUrl) + ": " + rootMessage(e), e);
        }
        return writer;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage());
    }

    /** The progress line of a run's figures so far; null before the producer exists. */
    static String progressLine(StatsSnapshot s) {
        if (s == null) {
            return "starting…";
        }
        String eta =
                s.etaSeconds().isPresent()
                        ? ", ETA " + Progress.duration(s.etaSeconds().getAsLong())
                        : "";
        String target = s.target().isPresent() ? "/" + s.target().getAsLong() : "";
        return String.format(
                "sent %d%s, acked %d, errors %d, %.0f records/s, %.1f MB/s, p99 %.1f ms%s",
                s.sent(),
                target,
                s.acknowledged(),
                s.failed(),
                s.recordsPerSecond(),
                s.megabytesPerSecond(),
                s.p99Millis(),
                eta);
    }

    private void printSummary(LoadRun.Result result, String topic) {
        PrintWriter out = spec.commandLine().getOut();
        StatsSnapshot s = result.stats();
        TruthReport.TruthCounts c = result.truth().counts();
        out.println(
                result.stoppedEarly()
                        ? "stopped early (signal): summary of what was acknowledged"
                        : "done");
        row(out, "topic", topic);
        row(out, "records sent", s.sent());
        row(out, "acknowledged", s.acknowledged());
        row(out, "failed", s.failed() + (c.failedByKind().isEmpty() ? "" : " " + c.failedByKind()));
        row(out, "events by version", c.recordsByVersion());
        row(out, "distinct transactions", c.distinctTransactions());
        row(out, "duplicates", c.duplicates());
        row(out, "late (injected)", c.lateFaults());
        row(
                out,
                "after batch cutoff",
                result.truth().transactions().stream().filter(t -> t.afterBatchCutoff()).count());
        row(out, "out of order", c.outOfOrderFaults());
        row(out, "poison", c.poisonByKind());
        row(out, "elapsed", String.format("%.1f s", s.elapsed().toMillis() / 1000.0));
        row(
                out,
                "throughput",
                String.format(
                        "%.0f records/s, %.2f MB/s", s.recordsPerSecond(), s.megabytesPerSecond()));
        row(
                out,
                "ack latency ms",
                String.format(
                        "p50 %.1f  p95 %.1f  p99 %.1f  max %.1f",
                        s.p50Millis(), s.p95Millis(), s.p99Millis(), s.maxMillis()));
        out.flush();
    }

    private static void row(PrintWriter out, String name, Object value) {
        out.printf("  %-22s %s%n", name, value);
    }

    private Map<String, Object> runInfo(GeneratorOptions o, SchemaIds ids) {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("seed", o.seed());
        run.put("accounts", o.accounts());
        run.put("skew", o.skew());
        run.put("schema_mix", o.schemaMix().toString());
        run.put("schema_ids", Map.of("v1", ids.v1(), "v2", ids.v2()));
        run.put("start", o.start().toString());
        run.put("speedup", o.speedup());
        run.put("rate", o.rate());
        run.put("simulated_interval_ms", o.simulatedIntervalMillis());
        run.put("threads", o.threads());
        run.put("late_fraction", o.faults().lateFraction());
        run.put("late_delay", o.faults().lateDelay().toString());
        run.put("out_of_order_fraction", o.faults().outOfOrderFraction());
        run.put("duplicate_fraction", o.faults().duplicateFraction());
        run.put("poison_fraction", o.faults().poisonFraction());
        run.put("grace", o.grace().toString());
        return run;
    }

    static Map<String, Object> producerInfo(StatsSnapshot s) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("sent", s.sent());
        p.put("acknowledged", s.acknowledged());
        p.put("failed", s.failed());
        p.put("elapsed_s", s.elapsed().toMillis() / 1000.0);
        p.put("records_per_s", Math.round(s.recordsPerSecond()));
        p.put("mb_per_s", Math.round(s.megabytesPerSecond() * 100) / 100.0);
        Map<String, Object> latency = new LinkedHashMap<>();
        latency.put("p50", s.p50Millis());
        latency.put("p95", s.p95Millis());
        latency.put("p99", s.p99Millis());
        latency.put("max", s.maxMillis());
        p.put("ack_latency_ms", latency);
        return p;
    }
}

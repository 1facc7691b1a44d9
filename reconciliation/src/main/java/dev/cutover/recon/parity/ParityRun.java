package dev.cutover.recon.parity;

import dev.cutover.model.db.OutputTables;
import dev.cutover.model.rules.EventHours;
import dev.cutover.recon.ReconException;
import dev.cutover.recon.Reconciler;
import dev.cutover.recon.db.Catalog;
import dev.cutover.recon.db.ConnectionSpec;
import dev.cutover.recon.db.Sql;
import dev.cutover.recon.db.TableRef;
import dev.cutover.recon.diff.DiffRequest;
import dev.cutover.recon.diff.DifferenceClassifier;
import dev.cutover.recon.diff.Mode;
import dev.cutover.recon.diff.SharedSnapshot;
import dev.cutover.recon.report.PipelineLatency;
import dev.cutover.recon.report.TableComparison;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Parity of the two pipelines on one database: {@code stream.*} against {@code batch.*}, and each
 * against {@code truth.*} when it is there, for {@code card_transactions}, {@code
 * account_hourly_spend} and {@code dead_letters}; write times ({@code written_at}, {@code seen_at})
 * are never compared. Differences against the batch get their causes (late arrivals, duplicates,
 * late poison records); latency is measured for both pipelines.
 *
 * <p>Against the batch, transactions and hourly rows are compared for the hours up to the newest
 * hour the batch has written: the stream's rows of later hours (the hour in progress, the one whose
 * cutoff has not passed) wait for the batch's next run instead of counting as differences, so an
 * hourly gate on live tables does not fail on the hour the batch cannot have yet.
 */
public final class ParityRun {
    public static final String STREAM = "stream";
    public static final String BATCH = "batch";
    public static final String TRUTH = "truth";

    /**
     * @param grace the batch's grace after each hour (DESIGN.md: 10 min by default)
     * @param schemas the schema of stream, batch and truth (tests use their own)
     * @param threads parts of the key space each full diff merges at once (0: the number of CPUs)
     * @param clock how the load's clock relates to the wall clock, for latency
     */
    public record Options(
            ConnectionSpec db,
            Duration grace,
            Mode mode,
            int samples,
            Map<String, String> schemas,
            int threads,
            ClockMapping clock) {
        public Options {
            if (threads < 0) {
                throw new IllegalArgumentException("threads must be ≥ 0, not " + threads);
            }
        }

        /** With the full diffs on the number of CPUs, in real time. */
        public Options(
                ConnectionSpec db,
                Duration grace,
                Mode mode,
                int samples,
                Map<String, String> schemas) {
            this(db, grace, mode, samples, schemas, 0, ClockMapping.realTime());
        }

        public static Options of(ConnectionSpec db, Duration grace) {
            return new Options(
                    db,
                    grace,
                    Mode.AUTO,
                    DiffRequest.DEFAULT_SAMPLES,
                    Map.of(STREAM, STREAM, BATCH, BATCH, TRUTH, TRUTH));
        }

        public Options withMode(Mode mode) {
            return new Options(db, grace, mode, samples, schemas, threads, clock);
        }

        public Options withThreads(int threads) {
            return new Options(db, grace, mode, samples, schemas, threads, clock);
        }

        public Options withClock(ClockMapping clock) {
            return new Options(db, grace, mode, samples, schemas, threads, clock);
        }

        String schema(String pipeline) {
            return schemas.getOrDefault(pipeline, pipeline);
        }
    }

    /** What a parity run found. */
    public record Result(
            List<TableComparison> comparisons,
            List<PipelineLatency> latency,
            Double freshnessGain) {}

    private record Table(String name, List<String> keys, String writeTime, String hourColumn) {}

    private static final List<Table> TABLES =
            List.of(
                    new Table(
                            OutputTables.CARD_TRANSACTIONS,
                            List.of("transaction_id"),
                            "written_at",
                            "event_hour"),
                    new Table(
                            OutputTables.ACCOUNT_HOURLY_SPEND,
                            List.of("account_id", "hour_start"),
                            "written_at",
                            "hour_start"),
                    new Table(
                            OutputTables.DEAD_LETTERS,
                            List.of("topic", "kafka_partition", "kafka_offset"),
                            "seen_at",
                            null));

    private ParityRun() {}

    public static Result run(Options options) {
        // Every read of the run as of one instant: each pair, the batch's newest hour and the late
        // arrivals that explain differences, and the latency, while the pipelines go on writing.
        try (SharedSnapshot snapshot = SharedSnapshot.export(List.of(options.db()))) {
            List<TableComparison> comparisons = new ArrayList<>();
            for (DiffRequest request : requests(options, snapshot)) {
                comparisons.add(Reconciler.compare(request, snapshot));
            }
            List<PipelineLatency> latency = new ArrayList<>();
            for (String pipeline : List.of(STREAM, BATCH)) {
                TableRef transactions =
                        new TableRef(options.schema(pipeline), OutputTables.CARD_TRANSACTIONS);
                try (Connection connection = snapshot.open(options.db())) {
                    LatencyMeter.measure(connection, pipeline, transactions, options.clock())
                            .ifPresent(latency::add);
                } catch (SQLException e) {
                    throw ConnectionSpec.translate(e, "measuring the latency of " + transactions);
                }
            }
            return new Result(comparisons, latency, freshnessGain(latency));
        }
    }

    /**
     * The comparisons a run makes, in order, each with the options' mode, samples and threads.
     *
     * @throws ReconException bad input when a stream or batch table is missing
     */
    static List<DiffRequest> requests(Options options, SharedSnapshot snapshot) {
        List<String[]> pairs = new ArrayList<>();
        pairs.add(new String[] {STREAM, BATCH});
        boolean truth =
                exists(
                        options,
                        new TableRef(options.schema(TRUTH), OutputTables.CARD_TRANSACTIONS));
        if (truth) {
            pairs.add(new String[] {STREAM, TRUTH});
            pairs.add(new String[] {TRUTH, BATCH});
        }
        for (String pipeline : List.of(STREAM, BATCH)) {
            for (Table table : TABLES) {
                TableRef ref = new TableRef(options.schema(pipeline), table.name());
                if (!exists(options, ref)) {
                    throw ReconException.badInput("--parity: table " + ref + " not found");
                }
            }
        }
        Instant newestBatchHour =
                newestHour(
                        options,
                        snapshot,
                        new TableRef(options.schema(BATCH), OutputTables.CARD_TRANSACTIONS));
        List<DiffRequest> requests = new ArrayList<>();
        for (String[] pair : pairs) {
            for (Table table : TABLES) {
                TableRef left = new TableRef(options.schema(pair[0]), table.name());
                TableRef right = new TableRef(options.schema(pair[1]), table.name());
                if (!exists(options, left) || !exists(options, right)) {
                    continue;
                }
                boolean againstBatch = pair[1].equals(BATCH);
                DifferenceClassifier classifier =
                        againstBatch
                                ? classifier(options, snapshot, table, left, newestBatchHour)
                                : DifferenceClassifier.NONE;
                DiffRequest request =
                        DiffRequest.of(options.db(), left, right, table.keys())
                                .withName(pair[0] + " vs " + pair[1] + ": " + table.name())
                                .withColumns(List.of(), List.of(table.writeTime()))
                                .withMode(options.mode())
                                .withSamples(options.samples())
                                .withThreads(options.threads())
                                .withExplanations(table.hourColumn(), List.of(), classifier);
                if (againstBatch && table.hourColumn() != null && newestBatchHour != null) {
                    request =
                            request.withWhere(
                                    table.hourColumn()
                                            + " <= TIMESTAMPTZ '"
                                            + newestBatchHour
                                            + "'",
                                    null);
                }
                requests.add(request);
            }
        }
        return requests;
    }

    static Double freshnessGain(List<PipelineLatency> latency) {
        Optional<PipelineLatency> stream =
                latency.stream().filter(l -> l.pipeline().equals(STREAM)).findFirst();
        Optional<PipelineLatency> batch =
                latency.stream().filter(l -> l.pipeline().equals(BATCH)).findFirst();
        if (stream.isEmpty() || batch.isEmpty() || stream.get().sinceEvent().p50() <= 0) {
            return null;
        }
        return Math.round(batch.get().sinceEvent().p50() / stream.get().sinceEvent().p50() * 100)
                / 100.0;
    }

    private static DifferenceClassifier classifier(
            Options options,
            SharedSnapshot snapshot,
            Table table,
            TableRef left,
            Instant newestBatchHour) {
        return switch (table.name()) {
            case OutputTables.CARD_TRANSACTIONS -> new LateArrivals(options.grace());
            case OutputTables.ACCOUNT_HOURLY_SPEND ->
                    new LateHourlySpend(
                            lateContributions(
                                    options,
                                    snapshot,
                                    new TableRef(left.schema(), OutputTables.CARD_TRANSACTIONS)));
            default ->
                    new LatePoison(
                            newestBatchHour == null
                                    ? null
                                    : EventHours.batchCutoff(newestBatchHour, options.grace()));
        };
    }

    private static Map<LateHourlySpend.AccountHour, LateContribution> lateContributions(
            Options options, SharedSnapshot snapshot, TableRef transactions) {
        Map<LateHourlySpend.AccountHour, LateContribution> late = new HashMap<>();
        if (!exists(options, transactions)) {
            return late;
        }
        String sql = Sql.template("late_contributions.sql").with("TABLE", transactions.sql()).sql();
        try (Connection connection = snapshot.open(options.db());
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setDouble(1, options.grace().toNanos() / 1e9);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    late.put(
                            new LateHourlySpend.AccountHour(
                                    rows.getString(1),
                                    rows.getObject(2, OffsetDateTime.class).toInstant()),
                            new LateContribution(
                                    rows.getLong(3),
                                    rows.getBigDecimal(4),
                                    rows.getLong(5),
                                    rows.getLong(6),
                                    rows.getBigDecimal(7) == null
                                            ? BigDecimal.ZERO
                                            : rows.getBigDecimal(7)));
                }
            }
        } catch (SQLException e) {
            throw ConnectionSpec.translate(e, "reading late transactions of " + transactions);
        }
        return late;
    }

    /** The newest event hour in the batch's {@code card_transactions}, or null when empty. */
    private static Instant newestHour(
            Options options, SharedSnapshot snapshot, TableRef batchTransactions) {
        if (!exists(options, batchTransactions)) {
            return null;
        }
        String sql =
                Sql.template("batch_newest_hour.sql").with("TABLE", batchTransactions.sql()).sql();
        try (Connection connection = snapshot.open(options.db());
                PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet rows = statement.executeQuery()) {
            OffsetDateTime newest = rows.next() ? rows.getObject(1, OffsetDateTime.class) : null;
            return newest == null ? null : newest.toInstant();
        } catch (SQLException e) {
            throw ConnectionSpec.translate(
                    e, "reading the batch's newest hour from " + batchTransactions);
        }
    }

    private static boolean exists(Options options, TableRef table) {
        try (Connection connection = options.db().open()) {
            return Catalog.exists(connection, table);
        } catch (SQLException e) {
            throw ConnectionSpec.translate(e, "reading the catalog");
        }
    }
}

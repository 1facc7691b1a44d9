package dev.cutover.batch;

import dev.cutover.batch.config.BatchOptions;
import dev.cutover.batch.io.KafkaSource;
import dev.cutover.batch.io.OffsetResolver;
import dev.cutover.batch.io.PostgresSink;
import dev.cutover.batch.io.RunRecord;
import dev.cutover.batch.io.RunsTable;
import dev.cutover.batch.io.TopicOffsets;
import dev.cutover.batch.pipeline.HourWindow;
import dev.cutover.batch.pipeline.HourlyTransform;
import dev.cutover.batch.pipeline.RegistrySchemas;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One hourly run: resolve (or reuse) the offsets of the hour's read window, read them with Spark's
 * Kafka source, decode and transform ({@link HourlyTransform}), and replace the hour in the output
 * tables ({@link PostgresSink}). Given its session and options; {@link BatchMain} only builds them.
 */
public final class BatchJob {
    private static final Logger LOG = LoggerFactory.getLogger(BatchJob.class);

    private final SparkSession spark;
    private final BatchOptions options;

    public BatchJob(SparkSession spark, BatchOptions options) {
        this.spark = spark;
        this.options = options;
    }

    /** The outcome of one run, with where its time went. */
    public record RunSummary(
            UUID runId,
            Instant hourStart,
            TopicOffsets offsets,
            boolean offsetsReused,
            long recordsRead,
            long transactions,
            long accountHours,
            long deadLetters,
            Duration resolveTime,
            Duration sparkTime,
            Duration writeTime) {

        public Duration total() {
            return resolveTime.plus(sparkTime).plus(writeTime);
        }

        public String describe() {
            double seconds = Math.max(total().toMillis(), 1) / 1000.0;
            return String.format(
                    "hour %s run %s: %d records read, %d transactions, %d account-hours, %d dead"
                            + " letters in %.1f s (%.0f records/s; offsets %s %.1f s, spark %.1f s,"
                            + " write %.1f s)",
                    hourStart,
                    runId,
                    recordsRead,
                    transactions,
                    accountHours,
                    deadLetters,
                    seconds,
                    recordsRead / seconds,
                    offsetsReused ? "reused" : "resolved",
                    resolveTime.toMillis() / 1000.0,
                    sparkTime.toMillis() / 1000.0,
                    writeTime.toMillis() / 1000.0);
        }
    }

    public RunSummary run(Instant hourStart) throws SQLException {
        HourWindow window = new HourWindow(hourStart, options.grace(), options.lookback());
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        RunsTable runs = new RunsTable(options.target());
        runs.migrate();
        Optional<RunsTable.PreviousRun> previous =
                options.reuseOffsets() ? runs.latest(options.topic(), hourStart) : Optional.empty();
        OffsetResolver resolver = new OffsetResolver(options.kafkaProperties());
        TopicOffsets offsets;
        if (previous.isPresent()) {
            offsets = previous.get().offsets();
            resolver.requireRetained(offsets);
        } else {
            offsets = resolver.resolve(options.topic(), window.readFrom(), window.cutoff());
        }
        LOG.info(
                "Hour {}: reading {} records of {} ({} offsets {} → {})",
                hourStart,
                offsets.records(),
                options.topic(),
                previous.isPresent() ? "reused" : "resolved",
                offsets.start(),
                offsets.end());
        long t1 = System.nanoTime();

        Dataset<Row> kafka =
                KafkaSource.read(
                        spark, options.kafkaProperties(), offsets, options.minPartitions());
        Dataset<Row> decoded =
                HourlyTransform.decode(
                                kafka,
                                new RegistrySchemas(
                                        options.schemaRegistryUrl(), options.registryUserInfo()))
                        .persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> transactions =
                new HourlyTransform(window)
                        .transactions(decoded)
                        .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            long recordsRead = decoded.count(); // fills the decoded cache: Kafka is read once
            // Fills the transactions' cache, which the COPY below then streams to the driver.
            List<Row> spendRows = HourlyTransform.hourlySpend(transactions).collectAsList();
            List<Row> deadLetterRows = HourlyTransform.deadLetters(decoded).collectAsList();
            long t2 = System.nanoTime();

            RunRecord run =
                    new RunRecord(
                            UUID.randomUUID(),
                            window,
                            offsets,
                            previous.map(RunsTable.PreviousRun::runId).orElse(null),
                            recordsRead,
                            started);
            PostgresSink.Written written =
                    new PostgresSink(options.target())
                            .replaceHour(
                                    run,
                                    HourlyTransform.TRANSACTION_COLUMNS,
                                    transactions.toLocalIterator(),
                                    HourlyTransform.SPEND_COLUMNS,
                                    spendRows.iterator(),
                                    deadLetterRows.iterator());
            long t3 = System.nanoTime();
            RunSummary summary =
                    new RunSummary(
                            run.runId(),
                            hourStart,
                            offsets,
                            previous.isPresent(),
                            recordsRead,
                            written.transactions(),
                            written.accountHours(),
                            deadLetterRows.size(),
                            Duration.ofNanos(t1 - t0),
                            Duration.ofNanos(t2 - t1),
                            Duration.ofNanos(t3 - t2));
            LOG.info("{}", summary.describe());
            return summary;
        } finally {
            transactions.unpersist();
            decoded.unpersist();
        }
    }
}

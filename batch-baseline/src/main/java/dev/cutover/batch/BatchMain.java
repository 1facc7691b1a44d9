package dev.cutover.batch;

import dev.cutover.batch.config.BatchOptions;
import dev.cutover.batch.config.SparkSessions;
import dev.cutover.batch.io.RecordsExpiredException;
import dev.cutover.contract.Defaults;
import dev.cutover.contract.ExitCode;
import dev.cutover.contract.batch.BatchJobArguments;
import java.io.PrintStream;
import java.time.Duration;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The batch's entry point, for spark-submit and {@code cutover batch}: parses the arguments ({@link
 * BatchJobArguments}), starts one Spark session and runs {@link BatchJob} for each hour. Prints one
 * {@code RUN …} line per hour on stdout. Exit code 0 on success, 2 for bad arguments, 3 when a run
 * fails.
 */
public final class BatchMain {
    private static final Logger LOG = LoggerFactory.getLogger(BatchMain.class);

    private BatchMain() {}

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        BatchJobArguments arguments;
        BatchOptions options;
        try {
            arguments = BatchJobArguments.parse(args, System.getenv());
            options = BatchOptions.resolve(arguments, System.getenv());
        } catch (IllegalArgumentException e) {
            err.println("cutover batch: " + e.getMessage());
            return ExitCode.BAD_INPUT.code();
        }
        String master = arguments.master().orElse(null);
        if (master == null && System.getProperty("spark.master") == null) {
            master = Defaults.SPARK_MASTER;
        }
        long start = System.nanoTime();
        SparkSession spark = SparkSessions.create(master, arguments.shufflePartitions());
        Duration sessionStart = Duration.ofNanos(System.nanoTime() - start);
        out.printf(
                "SESSION started in %.1f s (%s)%n",
                sessionStart.toMillis() / 1000.0, spark.sparkContext().master());
        try {
            BatchJob job = new BatchJob(spark, options);
            for (var hour : arguments.hours().hours()) {
                try {
                    BatchJob.RunSummary summary = job.run(hour);
                    out.println("RUN " + summary.describe());
                } catch (RecordsExpiredException e) {
                    err.println("cutover batch: hour " + hour + ": " + e.getMessage());
                    return ExitCode.INFRASTRUCTURE.code();
                }
            }
            return ExitCode.OK.code();
        } catch (Exception e) {
            LOG.error("Batch run failed", e);
            err.println("cutover batch: run failed: " + e);
            return ExitCode.INFRASTRUCTURE.code();
        } finally {
            spark.stop();
        }
    }
}

package dev.cutover.cli.batch;

import dev.cutover.cli.options.DurationOption;
import dev.cutover.cli.options.TargetOptions;
import dev.cutover.contract.CutoverException;
import dev.cutover.contract.Defaults;
import dev.cutover.contract.ExitCode;
import dev.cutover.contract.batch.HourRange;
import dev.cutover.launch.PrivateFiles;
import dev.cutover.launch.spark.BatchJarLocator;
import dev.cutover.launch.spark.SparkBatch;
import dev.cutover.parity.BatchSettings;
import dev.cutover.parity.ParityTarget;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cutover batch}: runs the legacy Spark hourly job ({@code batch-baseline}) for one hour or
 * a range of hours, in its own JVM through {@code SparkSubmit}, as production would at each hour's
 * cutoff. Relays the job's {@code RUN …} lines; Spark's log goes to a file named on failure.
 */
@Command(
        name = "batch",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the Spark hourly batch for --hour H (or each hour of [--from, --to)):"
                    + " reads the records that reached Kafka by H + 1h + grace, and replaces"
                    + " the hour in batch.card_transactions / batch.account_hourly_spend."
        })
public final class BatchCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin TargetOptions target;

    @Option(
            names = "--hour",
            paramLabel = "HOUR",
            description = "The start of the hour, YYYY-MM-DDTHH:00Z (UTC).")
    String hour;

    @Option(names = "--from", paramLabel = "HOUR", description = "First hour of a range.")
    String from;

    @Option(names = "--to", paramLabel = "HOUR", description = "End of the range (exclusive).")
    String to;

    @Option(
            names = "--grace",
            paramLabel = "DURATION",
            defaultValue = Defaults.GRACE_TEXT,
            description = "The cutoff is H + 1h + grace (default ${DEFAULT-VALUE}).")
    String grace;

    @Option(
            names = "--lookback",
            paramLabel = "DURATION",
            defaultValue = Defaults.LOOKBACK_TEXT,
            description = "Read from H - lookback by record timestamp (default ${DEFAULT-VALUE}).")
    String lookback;

    @Option(
            names = "--output-schema",
            paramLabel = "SCHEMA",
            defaultValue = Defaults.BATCH_SCHEMA,
            description = "Database schema of the output tables (default ${DEFAULT-VALUE}).")
    String outputSchema;

    @Option(
            names = "--resolve-offsets",
            description =
                    "Resolve the hour's offsets again instead of reusing those of its last run.")
    boolean resolveOffsets;

    @Option(
            names = "--spark-master",
            paramLabel = "URL",
            defaultValue = Defaults.SPARK_MASTER,
            description =
                    "Spark master (default ${DEFAULT-VALUE}; spark://host:7077 for a cluster).")
    String sparkMaster;

    @Option(
            names = "--driver-memory",
            paramLabel = "SIZE",
            defaultValue = Defaults.SPARK_DRIVER_MEMORY,
            description = "Heap of the Spark driver JVM (default ${DEFAULT-VALUE}).")
    String driverMemory;

    @Option(
            names = "--spark-submit",
            paramLabel = "FILE",
            description =
                    "An installed Spark's spark-submit to run the job with (default: Spark's"
                            + " SparkSubmit from the jars next to the job, in a child JVM).")
    Path sparkSubmit;

    @Option(
            names = "--batch-jar",
            paramLabel = "FILE",
            description = "The job jar (default: found in the distribution or the source tree).")
    Path batchJar;

    @Override
    public Integer call() throws Exception {
        HourRange hours = hours();
        BatchSettings settings =
                new BatchSettings(
                        DurationOption.parse("--grace", grace),
                        DurationOption.parse("--lookback", lookback),
                        outputSchema,
                        resolveOffsets);
        ParityTarget services = target.target();
        SparkBatch spark =
                new SparkBatch(
                        new BatchJarLocator().locate(batchJar),
                        new SparkBatch.Settings(
                                Optional.ofNullable(sparkSubmit), sparkMaster, driverMemory));
        PrintWriter out = spec.commandLine().getOut();
        try (PrivateFiles files = new PrivateFiles()) {
            spark.run(
                    services.batchArguments(settings, files, hours),
                    services.batchSecrets(),
                    line -> {
                        out.println(line);
                        out.flush();
                    });
        }
        return ExitCode.OK.code();
    }

    /** {@code --hour H}, or {@code --from H1 --to H2}. */
    HourRange hours() {
        if ((hour == null) == (from == null || to == null)) {
            throw CutoverException.badInput("give --hour H, or --from H1 --to H2");
        }
        try {
            return hour != null
                    ? HourRange.of(HourRange.parseHour("--hour", hour))
                    : new HourRange(
                            HourRange.parseHour("--from", from), HourRange.parseHour("--to", to));
        } catch (IllegalArgumentException e) {
            throw CutoverException.badInput(e.getMessage());
        }
    }
}

package dev.cutover.cli.batch;

import dev.cutover.cli.options.TargetOptions;
import dev.cutover.contract.CutoverException;
import dev.cutover.contract.ExitCode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
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
            defaultValue = "10m",
            description = "The cutoff is H + 1h + grace (default ${DEFAULT-VALUE}).")
    String grace;

    @Option(
            names = "--lookback",
            paramLabel = "DURATION",
            defaultValue = "6h",
            description = "Read from H - lookback by record timestamp (default ${DEFAULT-VALUE}).")
    String lookback;

    @Option(
            names = "--output-schema",
            paramLabel = "SCHEMA",
            defaultValue = "batch",
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
            defaultValue = "local[2]",
            description =
                    "Spark master (default ${DEFAULT-VALUE}; spark://host:7077 for a cluster).")
    String sparkMaster;

    @Option(
            names = "--driver-memory",
            paramLabel = "SIZE",
            defaultValue = "2g",
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
        List<String> arguments = jobArguments();
        BatchJarLocator.BatchJar jar = new BatchJarLocator().locate(batchJar);
        List<String> command =
                sparkSubmit == null
                        ? SparkSubmitCommand.of(
                                Path.of(System.getProperty("java.home")),
                                jar,
                                driverMemory,
                                sparkMaster,
                                arguments)
                        : SparkSubmitCommand.external(
                                sparkSubmit, jar, driverMemory, sparkMaster, arguments);
        Path log = Files.createTempFile("cutover-batch-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.redirectError(log.toFile());
        Map<String, String> environment = builder.environment();
        target.jdbcPassword().ifPresent(password -> environment.put("JDBC_PASSWORD", password));
        target.registryUserInfo()
                .ifPresent(userInfo -> environment.put("SCHEMA_REGISTRY_USER_INFO", userInfo));
        PrintWriter out = spec.commandLine().getOut();
        Process process = builder.start();
        try (BufferedReader lines =
                new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                out.println(line);
                out.flush();
            }
        } finally {
            process.getOutputStream().close();
        }
        int code = process.waitFor();
        if (code == 0) {
            Files.deleteIfExists(log);
            return ExitCode.OK.code();
        }
        String message =
                "the Spark batch exited with "
                        + code
                        + ": "
                        + lastLine(log)
                        + " (Spark's log: "
                        + log
                        + ")";
        throw code == ExitCode.BAD_INPUT.code()
                ? CutoverException.badInput(message)
                : new CutoverException(ExitCode.INFRASTRUCTURE, message);
    }

    /** What BatchMain parses; the password travels in the environment, never as an argument. */
    List<String> jobArguments() {
        if ((hour == null) == (from == null || to == null)) {
            throw CutoverException.badInput("give --hour H, or --from H1 --to H2");
        }
        List<String> arguments = new ArrayList<>();
        if (hour != null) {
            arguments.addAll(List.of("--hour", hour));
        } else {
            arguments.addAll(List.of("--from", from, "--to", to));
        }
        Properties kafka = target.kafkaProperties();
        if (kafka.size() == 1) {
            arguments.addAll(
                    List.of("--bootstrap-servers", kafka.getProperty("bootstrap.servers")));
        } else {
            arguments.addAll(List.of("--kafka-config", privateFile(kafka).toString()));
        }
        arguments.addAll(
                List.of("--schema-registry", target.registryConfig().baseUrl().toString()));
        arguments.addAll(List.of("--jdbc-url", target.jdbcUrl()));
        if (target.jdbcUser() != null) {
            arguments.addAll(List.of("--jdbc-user", target.jdbcUser()));
        }
        arguments.addAll(
                List.of(
                        "--topic", target.topic(),
                        "--output-schema", outputSchema,
                        "--grace", grace,
                        "--lookback", lookback));
        if (resolveOffsets) {
            arguments.add("--resolve-offsets");
        }
        return arguments;
    }

    /**
     * The Kafka client properties (which may hold SASL or TLS secrets) in a file only this user can
     * read, deleted when the JVM exits: never on the child's command line.
     */
    private static Path privateFile(Properties kafka) {
        try {
            Path file =
                    Files.createTempFile(
                            "cutover-batch-kafka-",
                            ".properties",
                            PosixFilePermissions.asFileAttribute(
                                    PosixFilePermissions.fromString("rw-------")));
            file.toFile().deleteOnExit();
            try (Writer writer = Files.newBufferedWriter(file)) {
                kafka.store(writer, "cutover batch");
            }
            return file;
        } catch (IOException e) {
            throw new CutoverException(
                    ExitCode.INFRASTRUCTURE, "cannot write the Kafka properties for Spark", e);
        }
    }

    private static String lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (lines.get(i).startsWith("cutover batch:")) {
                    return lines.get(i).substring("cutover batch:".length()).trim();
                }
            }
            return lines.isEmpty() ? "no output" : lines.get(lines.size() - 1);
        } catch (IOException e) {
            return "no output";
        }
    }
}

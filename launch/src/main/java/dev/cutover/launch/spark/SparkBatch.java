package dev.cutover.launch.spark;

import dev.cutover.contract.CutoverException;
import dev.cutover.contract.Defaults;
import dev.cutover.contract.ExitCode;
import dev.cutover.contract.batch.BatchJobArguments;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The Spark batch as its own process, as production runs it at each hour's cutoff: the bundled
 * Spark's {@code SparkSubmit} in a child JVM on {@code spark-lib/*}, or an installed {@code
 * spark-submit}. Secrets reach the child only in its environment ({@code JDBC_PASSWORD}, {@code
 * SCHEMA_REGISTRY_USER_INFO}) and in files named by its arguments, never as argument values.
 */
public final class SparkBatch {

    /**
     * How Spark runs.
     *
     * @param sparkSubmit an installed Spark's {@code spark-submit}, or empty for the bundled Spark
     * @param master {@code local[2]}, {@code spark://host:7077}, {@code yarn}, …
     * @param driverMemory the driver JVM's heap, e.g. {@code 2g}
     */
    public record Settings(Optional<Path> sparkSubmit, String master, String driverMemory) {
        public static Settings bundled() {
            return new Settings(
                    Optional.empty(), Defaults.SPARK_MASTER, Defaults.SPARK_DRIVER_MEMORY);
        }

        public Settings withDriverMemory(String memory) {
            return new Settings(sparkSubmit, master, memory);
        }
    }

    /** The credentials the child reads from its environment. */
    public record Secrets(Optional<String> jdbcPassword, Optional<String> registryUserInfo) {
        public static Secrets none() {
            return new Secrets(Optional.empty(), Optional.empty());
        }
    }

    private final BatchJarLocator.BatchJar jar;
    private final Settings settings;

    public SparkBatch(BatchJarLocator.BatchJar jar, Settings settings) {
        this.jar = jar;
        this.settings = settings;
    }

    /** The bundled jar, found as {@link BatchJarLocator} says. */
    public static SparkBatch located(Settings settings) {
        return new SparkBatch(new BatchJarLocator().locate(null), settings);
    }

    /** The command that runs the batch with {@code arguments}. */
    public List<String> command(BatchJobArguments arguments) {
        List<String> jobArguments = arguments.toArgs();
        return settings.sparkSubmit()
                .map(
                        submit ->
                                SparkCommandLine.external(
                                        submit,
                                        jar,
                                        settings.driverMemory(),
                                        settings.master(),
                                        jobArguments))
                .orElseGet(
                        () ->
                                SparkCommandLine.of(
                                        Path.of(System.getProperty("java.home")),
                                        jar,
                                        settings.driverMemory(),
                                        settings.master(),
                                        jobArguments));
    }

    /**
     * Runs the batch to its end, handing each line it prints ({@code SESSION …}, {@code RUN …}) to
     * {@code lines}; Spark's log goes to a temporary file, deleted on success and named in the
     * error otherwise.
     *
     * @throws CutoverException exit 2 when the job refused its arguments, else exit 3, with the
     *     job's own one-line reason
     */
    public void run(BatchJobArguments arguments, Secrets secrets, Consumer<String> lines)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile("cutover-batch-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command(arguments));
        builder.redirectError(log.toFile());
        Map<String, String> environment = builder.environment();
        secrets.jdbcPassword().ifPresent(p -> environment.put("JDBC_PASSWORD", p));
        secrets.registryUserInfo().ifPresent(u -> environment.put("SCHEMA_REGISTRY_USER_INFO", u));
        Process process = builder.start();
        try (BufferedReader out =
                new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                lines.accept(line);
            }
        } finally {
            process.getOutputStream().close();
        }
        int code = process.waitFor();
        if (code == 0) {
            Files.deleteIfExists(log);
            return;
        }
        String message =
                "the Spark batch exited with "
                        + code
                        + ": "
                        + reason(log)
                        + " (Spark's log: "
                        + log
                        + ")";
        throw code == ExitCode.BAD_INPUT.code()
                ? CutoverException.badInput(message)
                : CutoverException.infrastructure(message, null);
    }

    /** The job's own one-line reason ({@code cutover batch: …}), else the log's last line. */
    static String reason(Path log) {
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

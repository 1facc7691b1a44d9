package dev.cutover.cli.batch;

import dev.cutover.cli.CutoverException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Finds the Spark job: its shaded jar and the folder of Spark's jars beside it ({@code
 * spark-lib/}), first match wins:
 *
 * <ol>
 *   <li>the jar given by {@code --batch-jar};
 *   <li>the system property {@value #PROPERTY}, else the environment variable {@value
 *       #ENVIRONMENT};
 *   <li>a distribution's {@code <app home>/batch/cutover-batch-baseline.jar}, the app home being
 *       {@code cutover.home} / {@code CUTOVER_HOME}, else the parent of the {@code lib/} folder
 *       holding the cli's jar;
 *   <li>{@value #BUILD_OUTPUT} in the current folder or any folder above it, or above the cli's jar
 *       (a source checkout).
 * </ol>
 *
 * Spark's jars are the {@code spark-lib} folder next to the job jar.
 */
public final class BatchJarLocator {
    public static final String PROPERTY = "cutover.batch.jar";
    public static final String ENVIRONMENT = "CUTOVER_BATCH_JAR";
    public static final String JAR_NAME = "cutover-batch-baseline.jar";
    public static final String DISTRIBUTION_PATH = "batch/" + JAR_NAME;
    public static final String BUILD_OUTPUT = "batch-baseline/target/" + JAR_NAME;
    public static final String SPARK_LIB = "spark-lib";

    /** The job jar and the folder of Spark's jars. */
    public record BatchJar(Path jar, Path sparkLib) {}

    private final UnaryOperator<String> systemProperties;
    private final Map<String, String> environment;
    private final Path workingDir;
    private final Optional<Path> cliJar;

    public BatchJarLocator() {
        this(
                System::getProperty,
                System.getenv(),
                Path.of("").toAbsolutePath(),
                codeSourceOf(BatchJarLocator.class));
    }

    BatchJarLocator(
            UnaryOperator<String> systemProperties,
            Map<String, String> environment,
            Path workingDir,
            Optional<Path> cliJar) {
        this.systemProperties = systemProperties;
        this.environment = environment;
        this.workingDir = workingDir;
        this.cliJar = cliJar;
    }

    public BatchJar locate(Path explicit) {
        if (explicit != null) {
            return withSparkLib(explicit, "--batch-jar");
        }
        String property = systemProperties.apply(PROPERTY);
        if (present(property)) {
            return withSparkLib(Path.of(property), "system property " + PROPERTY);
        }
        String env = environment.get(ENVIRONMENT);
        if (present(env)) {
            return withSparkLib(Path.of(env), "environment variable " + ENVIRONMENT);
        }
        List<Path> searched = new ArrayList<>();
        Optional<Path> home = appHome();
        if (home.isPresent()) {
            Path candidate = home.get().resolve(DISTRIBUTION_PATH);
            if (Files.isRegularFile(candidate)) {
                return withSparkLib(candidate, "the distribution");
            }
            searched.add(candidate);
        }
        List<Path> starts = new ArrayList<>(List.of(workingDir));
        cliJar.map(Path::getParent).ifPresent(starts::add);
        for (Path start : starts) {
            for (Path dir = start; dir != null; dir = dir.getParent()) {
                Path candidate = dir.resolve(BUILD_OUTPUT);
                if (Files.isRegularFile(candidate)) {
                    return withSparkLib(candidate, "the source checkout");
                }
            }
        }
        searched.add(workingDir.resolve(BUILD_OUTPUT));
        throw CutoverException.badInput(
                "Spark batch jar not found: searched "
                        + String.join(", ", searched.stream().map(Path::toString).toList())
                        + " and every folder above; build it with `mvn -pl batch-baseline -am"
                        + " package -DskipTests` or name it with --batch-jar or "
                        + ENVIRONMENT);
    }

    private static BatchJar withSparkLib(Path jar, String source) {
        Path absolute = jar.toAbsolutePath().normalize();
        if (!Files.isRegularFile(absolute)) {
            throw CutoverException.badInput(
                    "Spark batch jar not found at " + absolute + " (named by " + source + ")");
        }
        Path sparkLib = absolute.resolveSibling(SPARK_LIB);
        if (!Files.isDirectory(sparkLib)) {
            throw CutoverException.badInput(
                    "Spark's jars are not next to the batch jar: "
                            + sparkLib
                            + " is missing (mvn -pl batch-baseline package puts them there)");
        }
        return new BatchJar(absolute, sparkLib);
    }

    private Optional<Path> appHome() {
        String property = systemProperties.apply("cutover.home");
        if (present(property)) {
            return Optional.of(Path.of(property));
        }
        String env = environment.get("CUTOVER_HOME");
        if (present(env)) {
            return Optional.of(Path.of(env));
        }
        return cliJar.map(Path::getParent)
                .filter(dir -> dir.getFileName() != null)
                .filter(dir -> dir.getFileName().toString().equals("lib"))
                .map(Path::getParent);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static Optional<Path> codeSourceOf(Class<?> type) {
        try {
            CodeSource source = type.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                return Optional.empty();
            }
            Path location = Path.of(source.getLocation().toURI());
            return Files.isRegularFile(location) ? Optional.of(location) : Optional.empty();
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}

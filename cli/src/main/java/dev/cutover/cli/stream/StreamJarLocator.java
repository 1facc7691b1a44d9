package dev.cutover.cli.stream;

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
 * Finds the Flink job: its shaded jar and the folder of Flink's jars beside it ({@code
 * flink-lib/}), first match wins:
 *
 * <ol>
 *   <li>the jar given by {@code --stream-jar};
 *   <li>the system property {@value #PROPERTY}, else the environment variable {@value
 *       #ENVIRONMENT};
 *   <li>a distribution's {@code <app home>/stream/cutover-streaming-job.jar}, the app home being
 *       {@code cutover.home} / {@code CUTOVER_HOME}, else the parent of the {@code lib/} folder
 *       holding the cli's jar;
 *   <li>{@value #BUILD_OUTPUT} in the current folder or any folder above it (a source checkout).
 * </ol>
 *
 * Flink's jars (needed for a local run only) are the {@code flink-lib} folder next to the job jar.
 */
public final class StreamJarLocator {
    public static final String PROPERTY = "cutover.stream.jar";
    public static final String ENVIRONMENT = "CUTOVER_STREAM_JAR";
    public static final String JAR_NAME = "cutover-streaming-job.jar";
    public static final String DISTRIBUTION_PATH = "stream/" + JAR_NAME;
    public static final String BUILD_OUTPUT = "streaming-job/target/" + JAR_NAME;
    public static final String FLINK_LIB = "flink-lib";

    /** The job jar and the folder of Flink's jars next to it. */
    public record StreamJar(Path jar, Path flinkLib) {
        /** Throws unless Flink's jars are there (a local run needs them, a REST submit not). */
        public Path requireFlinkLib() {
            if (!Files.isDirectory(flinkLib)) {
                throw CutoverException.badInput(
                        "Flink's jars are not next to the job jar: "
                                + flinkLib
                                + " is missing (mvn -pl streaming-job package puts them there)");
            }
            return flinkLib;
        }
    }

    private final UnaryOperator<String> systemProperties;
    private final Map<String, String> environment;
    private final Path workingDir;
    private final Optional<Path> cliJar;

    public StreamJarLocator() {
        this(
                System::getProperty,
                System.getenv(),
                Path.of("").toAbsolutePath(),
                codeSourceOf(StreamJarLocator.class));
    }

    StreamJarLocator(
            UnaryOperator<String> systemProperties,
            Map<String, String> environment,
            Path workingDir,
            Optional<Path> cliJar) {
        this.systemProperties = systemProperties;
        this.environment = environment;
        this.workingDir = workingDir;
        this.cliJar = cliJar;
    }

    public StreamJar locate(Path explicit) {
        if (explicit != null) {
            return existing(explicit, "--stream-jar");
        }
        String property = systemProperties.apply(PROPERTY);
        if (present(property)) {
            return existing(Path.of(property), "system property " + PROPERTY);
        }
        String env = environment.get(ENVIRONMENT);
        if (present(env)) {
            return existing(Path.of(env), "environment variable " + ENVIRONMENT);
        }
        List<Path> searched = new ArrayList<>();
        Optional<Path> home = appHome();
        if (home.isPresent()) {
            Path candidate = home.get().resolve(DISTRIBUTION_PATH);
            if (Files.isRegularFile(candidate)) {
                return existing(candidate, "the distribution");
            }
            searched.add(candidate);
        }
        for (Path dir = workingDir; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(BUILD_OUTPUT);
            if (Files.isRegularFile(candidate)) {
                return existing(candidate, "the source checkout");
            }
        }
        searched.add(workingDir.resolve(BUILD_OUTPUT));
        throw CutoverException.badInput(
                "Flink job jar not found: searched "
                        + String.join(", ", searched.stream().map(Path::toString).toList())
                        + " and every folder above; build it with `mvn -pl streaming-job -am"
                        + " package -DskipTests` or name it with --stream-jar or "
                        + ENVIRONMENT);
    }

    private static StreamJar existing(Path jar, String source) {
        Path absolute = jar.toAbsolutePath().normalize();
        if (!Files.isRegularFile(absolute)) {
            throw CutoverException.badInput(
                    "Flink job jar not found at " + absolute + " (named by " + source + ")");
        }
        return new StreamJar(absolute, absolute.resolveSibling(FLINK_LIB));
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

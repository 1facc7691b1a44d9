package dev.cutover.contract;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Finds one of Cutover's built files — the schema registry runner, the Flink job jar, the Spark job
 * jar — the same way for each, first match wins:
 *
 * <ol>
 *   <li>the path given explicitly (a command-line option);
 *   <li>the artifact's system property, then its environment variable;
 *   <li>a distribution's {@code <app home>/<distribution path>}, where the app home is the system
 *       property {@value #HOME_PROPERTY}, else the environment variable {@value #HOME_ENVIRONMENT},
 *       else the parent of the {@code lib/} folder holding this library's jar;
 *   <li>the build output in the current folder or any folder above it, or above this library's jar
 *       (a source checkout).
 * </ol>
 *
 * A path named by the first two that does not exist is an error: it is not skipped.
 */
public final class ArtifactLocator {
    public static final String HOME_PROPERTY = "cutover.home";
    public static final String HOME_ENVIRONMENT = "CUTOVER_HOME";

    /**
     * One artifact: how users name it and where builds and distributions put it.
     *
     * @param description what it is, for messages ("Schema registry jar")
     * @param property the system property that names it
     * @param environment the environment variable that names it
     * @param distributionPath its path below a distribution's app home
     * @param buildOutput its path below the root of a source checkout
     * @param buildCommand the command that builds it, for the error message
     */
    public record Artifact(
            String description,
            String property,
            String environment,
            String distributionPath,
            String buildOutput,
            String buildCommand) {}

    public static final Artifact SCHEMA_REGISTRY =
            new Artifact(
                    "Schema registry jar",
                    "cutover.registry.jar",
                    "CUTOVER_REGISTRY_JAR",
                    "registry/quarkus-run.jar",
                    "schema-registry-server/target/quarkus-app/quarkus-run.jar",
                    "mvn -pl schema-registry-server package");

    public static final Artifact STREAMING_JOB =
            new Artifact(
                    "Flink job jar",
                    "cutover.stream.jar",
                    "CUTOVER_STREAM_JAR",
                    "stream/cutover-streaming-job.jar",
                    "streaming-job/target/cutover-streaming-job.jar",
                    "mvn -pl streaming-job -am package -DskipTests");

    public static final Artifact BATCH_JOB =
            new Artifact(
                    "Spark batch jar",
                    "cutover.batch.jar",
                    "CUTOVER_BATCH_JAR",
                    "batch/cutover-batch-baseline.jar",
                    "batch-baseline/target/cutover-batch-baseline.jar",
                    "mvn -pl batch-baseline -am package -DskipTests");

    private final UnaryOperator<String> systemProperties;
    private final Map<String, String> environment;
    private final Path workingDir;
    private final Optional<Path> libraryJar;

    /** Looks at this JVM's system properties, environment and current folder. */
    public ArtifactLocator() {
        this(
                System::getProperty,
                System.getenv(),
                Path.of("").toAbsolutePath(),
                codeSourceOf(ArtifactLocator.class));
    }

    /** For tests: the lookups and folders to use instead of this JVM's. */
    public ArtifactLocator(
            UnaryOperator<String> systemProperties,
            Map<String, String> environment,
            Path workingDir,
            Optional<Path> libraryJar) {
        this.systemProperties = systemProperties;
        this.environment = environment;
        this.workingDir = workingDir;
        this.libraryJar = libraryJar;
    }

    /**
     * The artifact's file.
     *
     * @param explicit a path the caller names, or {@code null}
     * @param explicitSource how the caller named it, for the message (e.g. {@code --batch-jar})
     * @throws CutoverException (bad input) naming every place searched
     */
    public Path locate(Artifact artifact, Path explicit, String explicitSource) {
        if (explicit != null) {
            return requireFile(artifact, explicit, explicitSource);
        }
        String property = systemProperties.apply(artifact.property());
        if (present(property)) {
            return requireFile(
                    artifact, Path.of(property), "system property " + artifact.property());
        }
        String env = environment.get(artifact.environment());
        if (present(env)) {
            return requireFile(
                    artifact, Path.of(env), "environment variable " + artifact.environment());
        }
        List<Path> searched = new ArrayList<>();
        Optional<Path> home = appHome();
        if (home.isPresent()) {
            Path candidate = home.get().resolve(artifact.distributionPath());
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
            searched.add(candidate);
        }
        Set<Path> starts = new LinkedHashSet<>(List.of(workingDir));
        libraryJar.map(Path::getParent).ifPresent(starts::add);
        for (Path start : starts) {
            for (Path dir = start; dir != null; dir = dir.getParent()) {
                Path candidate = dir.resolve(artifact.buildOutput());
                if (Files.isRegularFile(candidate)) {
                    return candidate;
                }
            }
        }
        searched.add(workingDir.resolve(artifact.buildOutput()));
        throw CutoverException.badInput(
                artifact.description()
                        + " not found: searched system property "
                        + artifact.property()
                        + " (unset), environment variable "
                        + artifact.environment()
                        + " (unset), "
                        + String.join(", ", searched.stream().map(Path::toString).toList())
                        + " and the same "
                        + artifact.buildOutput()
                        + " in every folder above; build it with `"
                        + artifact.buildCommand()
                        + "` or name it");
    }

    private Optional<Path> appHome() {
        String property = systemProperties.apply(HOME_PROPERTY);
        if (present(property)) {
            return Optional.of(Path.of(property));
        }
        String env = environment.get(HOME_ENVIRONMENT);
        if (present(env)) {
            return Optional.of(Path.of(env));
        }
        return libraryJar
                .map(Path::getParent)
                .filter(dir -> dir.getFileName() != null)
                .filter(dir -> dir.getFileName().toString().equals("lib"))
                .map(Path::getParent);
    }

    private static Path requireFile(Artifact artifact, Path path, String source) {
        Path absolute = path.toAbsolutePath().normalize();
        if (!Files.isRegularFile(absolute)) {
            throw CutoverException.badInput(
                    artifact.description()
                            + " not found at "
                            + absolute
                            + " (named by "
                            + source
                            + ")");
        }
        return absolute;
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

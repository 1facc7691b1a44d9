package dev.cutover.stack;

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
 * Finds the schema registry's runner jar ({@code quarkus-run.jar}), first match wins:
 *
 * <ol>
 *   <li>the path given explicitly ({@link StackOptions#registryJar()});
 *   <li>the system property {@value #PROPERTY};
 *   <li>the environment variable {@value #ENVIRONMENT};
 *   <li>a distribution's {@code <app home>/registry/quarkus-run.jar}, where the app home is the
 *       system property {@value #HOME_PROPERTY}, else the environment variable {@value
 *       #HOME_ENVIRONMENT}, else the parent of the {@code lib/} folder holding this library's jar;
 *   <li>{@value #BUILD_OUTPUT} in the current folder or any folder above it (a source checkout).
 * </ol>
 *
 * A path named by the first three that does not exist is an error: it is not skipped.
 */
public final class RegistryJarLocator {

    public static final String PROPERTY = "cutover.registry.jar";
    public static final String ENVIRONMENT = "CUTOVER_REGISTRY_JAR";
    public static final String HOME_PROPERTY = "cutover.home";
    public static final String HOME_ENVIRONMENT = "CUTOVER_HOME";
    public static final String DISTRIBUTION_PATH = "registry/quarkus-run.jar";
    public static final String BUILD_OUTPUT =
            "schema-registry-server/target/quarkus-app/quarkus-run.jar";

    private final UnaryOperator<String> systemProperties;
    private final Map<String, String> environment;
    private final Path workingDir;
    private final Optional<Path> libraryJar;

    /** Looks at this JVM's system properties, environment and current folder. */
    public RegistryJarLocator() {
        this(
                System::getProperty,
                System.getenv(),
                Path.of("").toAbsolutePath(),
                codeSourceOf(RegistryJarLocator.class));
    }

    RegistryJarLocator(
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
     * The runner jar.
     *
     * @param explicit a path the caller names, or {@code null}
     * @throws StackException of kind {@code BAD_CONFIGURATION} naming every place searched
     */
    public Path locate(Path explicit) {
        if (explicit != null) {
            return requireFile(explicit, "the registry jar option");
        }
        String property = systemProperties.apply(PROPERTY);
        if (property != null && !property.isBlank()) {
            return requireFile(Path.of(property), "system property " + PROPERTY);
        }
        String env = environment.get(ENVIRONMENT);
        if (env != null && !env.isBlank()) {
            return requireFile(Path.of(env), "environment variable " + ENVIRONMENT);
        }
        List<Path> searched = new ArrayList<>();
        Optional<Path> home = appHome();
        if (home.isPresent()) {
            Path candidate = home.get().resolve(DISTRIBUTION_PATH);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
            searched.add(candidate);
        }
        for (Path dir = workingDir; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(BUILD_OUTPUT);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        searched.add(workingDir.resolve(BUILD_OUTPUT));
        throw StackException.badConfiguration(
                "Schema registry jar not found: searched system property "
                        + PROPERTY
                        + " (unset), environment variable "
                        + ENVIRONMENT
                        + " (unset), "
                        + String.join(", ", searched.stream().map(Path::toString).toList())
                        + " and the same "
                        + BUILD_OUTPUT
                        + " in every folder above "
                        + workingDir
                        + "; build module schema-registry-server or name the jar");
    }

    private Optional<Path> appHome() {
        String property = systemProperties.apply(HOME_PROPERTY);
        if (property != null && !property.isBlank()) {
            return Optional.of(Path.of(property));
        }
        String env = environment.get(HOME_ENVIRONMENT);
        if (env != null && !env.isBlank()) {
            return Optional.of(Path.of(env));
        }
        return libraryJar
                .map(Path::getParent)
                .filter(dir -> dir.getFileName() != null)
                .filter(dir -> dir.getFileName().toString().equals("lib"))
                .map(Path::getParent);
    }

    private static Path requireFile(Path path, String source) {
        Path absolute = path.toAbsolutePath().normalize();
        if (!Files.isRegularFile(absolute)) {
            throw StackException.badConfiguration(
                    "Schema registry jar not found at " + absolute + " (named by " + source + ")");
        }
        return absolute;
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

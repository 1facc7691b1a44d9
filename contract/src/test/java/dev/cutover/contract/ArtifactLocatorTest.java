package dev.cutover.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lookup order, shown with the schema registry's jar (every artifact is found alike). */
class ArtifactLocatorTest {
    private static final ArtifactLocator.Artifact REGISTRY = ArtifactLocator.SCHEMA_REGISTRY;

    @TempDir Path temp;

    private final Map<String, String> properties = new HashMap<>();
    private final Map<String, String> environment = new HashMap<>();

    private Locator locator(Path workingDir, Optional<Path> libraryJar) {
        ArtifactLocator locator =
                new ArtifactLocator(properties::get, environment, workingDir, libraryJar);
        return explicit -> locator.locate(REGISTRY, explicit, "--registry-jar");
    }

    private interface Locator {
        Path locate(Path explicit);
    }

    private Path file(String relative) throws IOException {
        Path path = temp.resolve(relative);
        Files.createDirectories(path.getParent());
        return Files.writeString(path, "jar");
    }

    @Test
    void anExplicitPathWinsOverEverythingElse() throws IOException {
        Path explicit = file("explicit/quarkus-run.jar");
        properties.put(REGISTRY.property(), file("property/quarkus-run.jar").toString());

        assertThat(locator(temp, Optional.empty()).locate(explicit)).isEqualTo(explicit);
    }

    @Test
    void theSystemPropertyWinsOverTheEnvironment() throws IOException {
        Path fromProperty = file("property/quarkus-run.jar");
        properties.put(REGISTRY.property(), fromProperty.toString());
        environment.put(REGISTRY.environment(), file("env/quarkus-run.jar").toString());

        assertThat(locator(temp, Optional.empty()).locate(null)).isEqualTo(fromProperty);
    }

    @Test
    void theEnvironmentVariableIsUsedWhenThePropertyIsUnset() throws IOException {
        Path fromEnv = file("env/quarkus-run.jar");
        environment.put(REGISTRY.environment(), fromEnv.toString());

        assertThat(locator(temp, Optional.empty()).locate(null)).isEqualTo(fromEnv);
    }

    @Test
    void aNamedPathThatDoesNotExistIsAnErrorNotSkipped() throws IOException {
        Path missing = temp.resolve("missing/quarkus-run.jar");
        properties.put(REGISTRY.property(), missing.toString());
        file("checkout/" + REGISTRY.buildOutput());

        assertThatThrownBy(() -> locator(temp.resolve("checkout"), Optional.empty()).locate(null))
                .isInstanceOfSatisfying(
                        CutoverException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCode.BAD_INPUT))
                .hasMessage(
                        "Schema registry jar not found at "
                                + missing
                                + " (named by system property cutover.registry.jar)");
    }

    @Test
    void aDistributionKeepsTheJarBesideItsLibFolder() throws IOException {
        Path jar = file("app/registry/quarkus-run.jar");
        Path libraryJar = file("app/lib/cutover-embedded-stack.jar");

        assertThat(locator(temp.resolve("elsewhere"), Optional.of(libraryJar)).locate(null))
                .isEqualTo(jar);
    }

    @Test
    void theAppHomeCanBeNamed() throws IOException {
        Path jar = file("home/registry/quarkus-run.jar");
        environment.put(ArtifactLocator.HOME_ENVIRONMENT, temp.resolve("home").toString());

        assertThat(locator(temp, Optional.empty()).locate(null)).isEqualTo(jar);
    }

    @Test
    void aSourceCheckoutIsFoundFromAnyFolderBelowIt() throws IOException {
        Path jar = file("checkout/" + REGISTRY.buildOutput());
        Path below = Files.createDirectories(temp.resolve("checkout/cli/target"));

        assertThat(locator(below, Optional.empty()).locate(null)).isEqualTo(jar);
    }

    @Test
    void aSourceCheckoutIsAlsoFoundFromTheLibraryJar() throws IOException {
        Path jar = file("checkout/" + REGISTRY.buildOutput());
        Path libraryJar = file("checkout/cli/target/cutover-cli.jar");

        assertThat(locator(temp.resolve("elsewhere"), Optional.of(libraryJar)).locate(null))
                .isEqualTo(jar);
    }

    @Test
    void theErrorNamesEveryPlaceSearched() throws IOException {
        Path libraryJar = file("app/lib/cutover-embedded-stack.jar");
        Path workingDir = Files.createDirectories(temp.resolve("work"));

        assertThatThrownBy(() -> locator(workingDir, Optional.of(libraryJar)).locate(null))
                .isInstanceOf(CutoverException.class)
                .hasMessageContaining("cutover.registry.jar")
                .hasMessageContaining("CUTOVER_REGISTRY_JAR")
                .hasMessageContaining(temp.resolve("app/registry/quarkus-run.jar").toString())
                .hasMessageContaining(workingDir.resolve(REGISTRY.buildOutput()).toString())
                .hasMessageContaining("mvn -pl schema-registry-server package")
                .hasMessageNotContaining("\n");
    }
}

package dev.cutover.launch.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.contract.CutoverException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the batch jar and Spark's jars, and the child JVM's command. */
class BatchJarLocatorTest {
    @TempDir Path temp;

    @Test
    void theJarIsFoundInTheSourceTreeWithSparkLibBesideIt() throws Exception {
        Path target = Files.createDirectories(temp.resolve("batch-baseline/target"));
        Files.createDirectories(target.resolve("spark-lib"));
        Files.writeString(target.resolve(BatchJarLocator.JAR_NAME), "jar");
        Path below = Files.createDirectories(temp.resolve("cli/somewhere"));

        BatchJarLocator.BatchJar jar =
                new BatchJarLocator(name -> null, Map.of(), below, Optional.empty()).locate(null);

        assertThat(jar.jar()).isEqualTo(target.resolve(BatchJarLocator.JAR_NAME));
        assertThat(jar.sparkLib()).isEqualTo(target.resolve("spark-lib"));
    }

    @Test
    void theJarIsFoundAboveTheCliJarWhereverTheCommandRuns() throws Exception {
        Path target = Files.createDirectories(temp.resolve("repo/batch-baseline/target"));
        Files.createDirectories(target.resolve("spark-lib"));
        Files.writeString(target.resolve(BatchJarLocator.JAR_NAME), "jar");
        Path cliJar =
                Files.createDirectories(temp.resolve("repo/cli/target")).resolve("cutover-cli.jar");
        Path elsewhere = Files.createDirectories(temp.resolve("elsewhere"));

        BatchJarLocator.BatchJar jar =
                new BatchJarLocator(name -> null, Map.of(), elsewhere, Optional.of(cliJar))
                        .locate(null);

        assertThat(jar.jar()).isEqualTo(target.resolve(BatchJarLocator.JAR_NAME));
    }

    @Test
    void theJarIsFoundInADistribution() throws Exception {
        Path home = temp.resolve("cutover");
        Path batch = Files.createDirectories(home.resolve("batch"));
        Files.createDirectories(batch.resolve("spark-lib"));
        Files.writeString(batch.resolve(BatchJarLocator.JAR_NAME), "jar");
        Path cliJar = Files.createDirectories(home.resolve("lib")).resolve("cutover-cli.jar");

        BatchJarLocator.BatchJar jar =
                new BatchJarLocator(name -> null, Map.of(), temp, Optional.of(cliJar)).locate(null);

        assertThat(jar.jar()).isEqualTo(batch.resolve(BatchJarLocator.JAR_NAME));
    }

    @Test
    void aMissingJarSaysHowToBuildIt() {
        assertThatThrownBy(
                        () ->
                                new BatchJarLocator(name -> null, Map.of(), temp, Optional.empty())
                                        .locate(null))
                .isInstanceOf(CutoverException.class)
                .hasMessageContaining("mvn -pl batch-baseline");
    }

    @Test
    void theChildRunsSparkSubmitWithSparksModuleFlags() {
        BatchJarLocator.BatchJar jar =
                new BatchJarLocator.BatchJar(Path.of("/b/job.jar"), Path.of("/b/spark-lib"));

        List<String> command =
                SparkCommandLine.of(Path.of("/jdk"), jar, "2g", "local[2]", List.of("--hour", "H"));

        assertThat(command.get(0)).isEqualTo("/jdk/bin/java");
        assertThat(command)
                .contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "-Xmx2g")
                .containsSubsequence(
                        "-cp",
                        "/b/spark-lib/*",
                        "org.apache.spark.deploy.SparkSubmit",
                        "--master",
                        "local[2]",
                        "--class",
                        SparkCommandLine.MAIN_CLASS,
                        "/b/job.jar",
                        "--hour",
                        "H");
        assertThat(String.join(" ", command)).doesNotContain("password");
    }
}

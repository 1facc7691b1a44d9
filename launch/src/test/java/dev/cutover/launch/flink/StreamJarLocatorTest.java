package dev.cutover.launch.flink;

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

/** Finding the job jar and Flink's jars, and the child JVM's command. */
class StreamJarLocatorTest {
    @TempDir Path temp;

    @Test
    void theJarIsFoundInTheSourceTreeWithFlinkLibBesideIt() throws Exception {
        Path target = Files.createDirectories(temp.resolve("streaming-job/target"));
        Files.createDirectories(target.resolve("flink-lib"));
        Files.writeString(target.resolve(StreamJarLocator.JAR_NAME), "jar");
        Path below = Files.createDirectories(temp.resolve("cli/somewhere"));

        StreamJarLocator.StreamJar jar =
                new StreamJarLocator(name -> null, Map.of(), below, Optional.empty()).locate(null);

        assertThat(jar.jar()).isEqualTo(target.resolve(StreamJarLocator.JAR_NAME));
        assertThat(jar.requireFlinkLib()).isEqualTo(target.resolve("flink-lib"));
    }

    @Test
    void theJarIsFoundInADistribution() throws Exception {
        Path home = temp.resolve("cutover");
        Path stream = Files.createDirectories(home.resolve("stream"));
        Files.writeString(stream.resolve(StreamJarLocator.JAR_NAME), "jar");
        Path cliJar = Files.createDirectories(home.resolve("lib")).resolve("cutover-cli.jar");

        StreamJarLocator.StreamJar jar =
                new StreamJarLocator(name -> null, Map.of(), temp, Optional.of(cliJar))
                        .locate(null);

        assertThat(jar.jar()).isEqualTo(stream.resolve(StreamJarLocator.JAR_NAME));
        assertThatThrownBy(jar::requireFlinkLib).hasMessageContaining("flink-lib");
    }

    @Test
    void aMissingJarSaysHowToBuildIt() {
        assertThatThrownBy(
                        () ->
                                new StreamJarLocator(name -> null, Map.of(), temp, Optional.empty())
                                        .locate(null))
                .isInstanceOf(CutoverException.class)
                .hasMessageContaining("mvn -pl streaming-job");
    }

    @Test
    void theChildRunsTheJobMainOnFlinksJarsInUtc() throws Exception {
        Path lib = Files.createDirectories(temp.resolve("flink-lib"));
        Path jar = Files.writeString(temp.resolve(StreamJarLocator.JAR_NAME), "jar");
        Path config = temp.resolve("job.properties");

        List<String> command =
                FlinkCommandLine.of(
                        Path.of("/jdk"),
                        new StreamJarLocator.StreamJar(jar, lib),
                        "1g",
                        8081,
                        config);

        assertThat(command.get(0)).isEqualTo("/jdk/bin/java");
        assertThat(command)
                .contains(
                        "-Duser.timezone=UTC",
                        "-XX:+UseParallelGC",
                        "-Xms1g",
                        "-Xmx1g",
                        "-XX:MaxInlineLevel=9",
                        "--add-opens=java.base/java.util=ALL-UNNAMED",
                        lib + "/*:" + jar,
                        FlinkCommandLine.MAIN_CLASS);
        assertThat(command.subList(command.size() - 2, command.size()))
                .containsExactly("--config", config.toString());
    }

    @Test
    void flinkRunIsFlinksClientOnFlinksJarsWithTheClustersConfFolder() throws Exception {
        Path lib = Files.createDirectories(temp.resolve("flink-lib"));
        Path jar = Files.writeString(temp.resolve(StreamJarLocator.JAR_NAME), "jar");
        Path conf = Files.createDirectories(temp.resolve("conf"));
        Path config = temp.resolve("job.properties");
        Path log = temp.resolve("client.log");

        ProcessBuilder flinkRun =
                FlinkCommandLine.flinkRun(
                        Path.of("/jdk"),
                        new StreamJarLocator.StreamJar(jar, lib),
                        conf,
                        "127.0.0.1:8081",
                        config,
                        log);

        List<String> command = flinkRun.command();
        assertThat(command.get(0)).isEqualTo("/jdk/bin/java");
        assertThat(command)
                .contains(
                        "-Duser.timezone=UTC",
                        "--add-opens=java.base/java.util=ALL-UNNAMED",
                        "-Dlog.file=" + log,
                        "-Dlog4j.configurationFile="
                                + conf.resolve("log4j-cli.properties").toUri());
        int client = command.indexOf(FlinkCommandLine.CLI_FRONTEND);
        assertThat(command.subList(client - 2, client)).containsExactly("-cp", lib + "/*");
        assertThat(command.subList(client + 1, command.size()))
                .containsExactly(
                        "run",
                        "-m",
                        "127.0.0.1:8081",
                        "-c",
                        FlinkCommandLine.MAIN_CLASS,
                        jar.toString(),
                        "--config",
                        config.toString());
        assertThat(flinkRun.environment()).containsEntry("FLINK_CONF_DIR", conf.toString());
    }

    @Test
    void theJobIdIsReadFromWhatFlinkRunPrints() {
        var matcher =
                FlinkCommandLine.SUBMITTED.matcher(
                        "Job has been submitted with JobID 8c1fb3d9e6a04a1c9d2f0b7e5a3c4d21\n");

        assertThat(matcher.find()).isTrue();
        assertThat(matcher.group(1)).isEqualTo("8c1fb3d9e6a04a1c9d2f0b7e5a3c4d21");
    }
}

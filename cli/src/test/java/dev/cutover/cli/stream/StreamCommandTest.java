package dev.cutover.cli.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.cli.Main;
import dev.cutover.stack.StackException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cutover stream} without Flink: its arguments, the jar lookup and the child's command. */
class StreamCommandTest {
    @TempDir Path temp;

    @Test
    void withoutADatabaseItIsBadInputNamingTheOption() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code =
                Main.execute(
                        new String[] {
                            "stream",
                            "--bootstrap-servers=127.0.0.1:1",
                            "--schema-registry=http://127.0.0.1:1",
                            "--jdbc-url="
                        },
                        new PrintWriter(out),
                        new PrintWriter(err));

        assertThat(code).as(err.toString()).isEqualTo(2);
        assertThat(err.toString()).contains("--jdbc-url");
    }

    @Test
    void anUnreachableClusterIsAnInfrastructureFailure() throws Exception {
        Path jar = Files.writeString(temp.resolve(StreamJarLocator.JAR_NAME), "jar");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code =
                Main.execute(
                        new String[] {
                            "stream",
                            "--bootstrap-servers=127.0.0.1:1",
                            "--schema-registry=http://127.0.0.1:1",
                            "--jdbc-url=jdbc:postgresql://127.0.0.1:1/x",
                            "--jdbc-user=u",
                            "--stream-jar=" + jar,
                            "--flink-rest=http://127.0.0.1:1"
                        },
                        new PrintWriter(out),
                        new PrintWriter(err));

        assertThat(code).as(err.toString()).isEqualTo(3);
        assertThat(err.toString()).contains("Flink at http://127.0.0.1:1 is unreachable");
    }

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
                .isInstanceOf(StackException.class)
                .hasMessageContaining("mvn -pl streaming-job");
    }

    @Test
    void theChildRunsTheJobMainOnFlinksJarsInUtc() throws Exception {
        Path lib = Files.createDirectories(temp.resolve("flink-lib"));
        Path jar = Files.writeString(temp.resolve(StreamJarLocator.JAR_NAME), "jar");
        Path config = temp.resolve("job.properties");

        List<String> command =
                LocalFlinkCommand.of(
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
                        LocalFlinkCommand.MAIN_CLASS);
        assertThat(command.subList(command.size() - 2, command.size()))
                .containsExactly("--config", config.toString());
    }
}

package dev.cutover.cli.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.cli.Main;
import dev.cutover.launch.flink.StreamJarLocator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
}

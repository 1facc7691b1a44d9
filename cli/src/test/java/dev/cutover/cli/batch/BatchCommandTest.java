package dev.cutover.cli.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cutover batch} without Spark: its arguments, the jar lookup and the child's command. */
class BatchCommandTest {
    @TempDir Path temp;

    @Test
    void withoutAnHourItIsBadInput() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code =
                Main.execute(
                        new String[] {
                            "batch",
                            "--bootstrap-servers=127.0.0.1:1",
                            "--schema-registry=http://127.0.0.1:1",
                            "--jdbc-url=jdbc:postgresql://127.0.0.1:1/x"
                        },
                        new PrintWriter(out),
                        new PrintWriter(err));

        assertThat(code).as(err.toString()).isEqualTo(2);
        assertThat(err.toString()).contains("--hour");
    }
}

package dev.cutover.cli.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.cli.Main;
import dev.cutover.contract.stream.StreamJobOptions;
import dev.cutover.contract.stream.TestDefect;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code cutover stream --inject-defect NAME}: hidden, test only, passed to the job as-is. */
class InjectDefectOptionTest {
    private static final String[] TARGET = {
        "--bootstrap-servers=127.0.0.1:1",
        "--schema-registry=http://127.0.0.1:1",
        "--jdbc-url=jdbc:postgresql://127.0.0.1:1/x",
        "--jdbc-user=u"
    };

    @Test
    void itBecomesTheJobOptionTestDefect() {
        assertThat(jobOptions("--inject-defect", "fx-round-down").testDefect())
                .isEqualTo(TestDefect.FX_ROUND_DOWN);
    }

    @Test
    void withoutItTheJobGetsNoDefect() {
        assertThat(jobOptions().testDefect()).isEqualTo(TestDefect.NONE);
    }

    @Test
    void itIsHiddenFromTheHelp() {
        StringWriter out = new StringWriter();
        int code =
                Main.execute(
                        new String[] {"stream", "--help"},
                        new PrintWriter(out),
                        new PrintWriter(new StringWriter()));
        assertThat(code).isZero();
        assertThat(out.toString()).contains("--bounded").doesNotContain("inject-defect");
    }

    private static StreamJobOptions jobOptions(String... extra) {
        StreamCommand command = new StreamCommand();
        String[] args = new String[TARGET.length + extra.length];
        System.arraycopy(TARGET, 0, args, 0, TARGET.length);
        System.arraycopy(extra, 0, args, TARGET.length, extra.length);
        new CommandLine(command).parseArgs(args);
        return command.jobOptions();
    }
}

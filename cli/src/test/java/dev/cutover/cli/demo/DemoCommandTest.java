package dev.cutover.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad input stops {@code cutover demo} with exit 2 and one line, before anything starts. */
class DemoCommandTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "--hours|0|--hours must be between 1 and 48",
                "--rate|-5|--rate and --speedup must be positive",
                "--late-fraction|1.5|",
                "--grace|soon|--grace",
            })
    void badInputExitsTwoWithOneLine(String option, String value, String message) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int code =
                Main.execute(
                        new String[] {"demo", option, value},
                        new PrintWriter(out, true),
                        new PrintWriter(err, true));

        assertThat(code).as(err.toString()).isEqualTo(2);
        assertThat(err.toString().strip().lines()).hasSize(1);
        if (message != null) {
            assertThat(err.toString()).contains(message);
        }
    }
}

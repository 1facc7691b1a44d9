package dev.cutover.stream.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Placeholders and optional option lines of {@link SqlScript}. */
class SqlScriptTest {
    private static final String SINK =
            "-- a comment\n"
                    + "CREATE TABLE t (a INT) WITH (\n"
                    + "    'connector' = '${CONNECTOR}',\n"
                    + "    'password' = '${PASSWORD}',\n"
                    + "    'sink.parallelism' = '${SINK_PARALLELISM?}',\n"
                    + "    'sink.max-retries' = '3'\n"
                    + ");\n";

    @Test
    void anOptionalOptionLineWhosePlaceholderIsEmptyIsLeftOut() {
        String sql =
                SqlScript.substitute(
                        SINK,
                        Map.of("CONNECTOR", "jdbc", "PASSWORD", "", "SINK_PARALLELISM", ""),
                        "test.sql");
        assertThat(sql)
                .doesNotContain("sink.parallelism")
                .contains("'connector' = 'jdbc',")
                .contains("'password' = '',");
        assertThat(SqlScript.split(sql)).hasSize(1);
    }

    @Test
    void anOptionLineWithAValueIsKeptAndQuoted() {
        String sql =
                SqlScript.substitute(
                        SINK,
                        Map.of("CONNECTOR", "jd'bc", "PASSWORD", "p", "SINK_PARALLELISM", "4"),
                        "test.sql");
        assertThat(sql)
                .contains("'sink.parallelism' = '4',")
                .contains("'connector' = 'jd''bc',")
                .doesNotContain("a comment");
    }
}

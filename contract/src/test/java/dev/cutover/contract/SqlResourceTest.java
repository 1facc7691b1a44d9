package dev.cutover.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Placeholders, optional lines, statements and named statements of {@link SqlResource}. */
class SqlResourceTest {
    private static final SqlResource SINK = SqlResource.of(SqlResourceTest.class, "sink.sql");

    @Test
    void anOptionalLineWhosePlaceholderIsEmptyIsLeftOut() {
        var statements =
                SINK.withStrings(
                                Map.of("CONNECTOR", "jdbc", "PASSWORD", "", "SINK_PARALLELISM", ""))
                        .statements();

        assertThat(statements).hasSize(2);
        assertThat(statements.get(0))
                .doesNotContain("sink.parallelism")
                .contains("'connector' = 'jdbc',")
                .contains("'password' = '',");
        assertThat(statements.get(1)).isEqualTo("INSERT INTO t VALUES (1)");
    }

    @Test
    void aStringValueIsQuotedAndCommentsAreDropped() {
        String sql =
                SINK.withStrings(
                                Map.of(
                                        "CONNECTOR",
                                        "jd'bc",
                                        "PASSWORD",
                                        "p",
                                        "SINK_PARALLELISM",
                                        "4"))
                        .sql();

        assertThat(sql)
                .contains("'sink.parallelism' = '4',")
                .contains("'connector' = 'jd''bc',")
                .doesNotContain("A test script");
    }

    @Test
    void anUnboundPlaceholderIsAnError() {
        assertThatThrownBy(() -> SINK.withString("CONNECTOR", "jdbc").statements())
                .hasMessageContaining("no value for ${PASSWORD}");
    }

    @Test
    void namedStatementsWithAnIdentifier() {
        SqlResource named = SqlResource.of(SqlResourceTest.class, "named.sql").with("SCHEMA", "s1");

        assertThat(named.statement("clear")).isEqualTo("TRUNCATE s1.t");
        assertThat(named.statement("insert")).isEqualTo("INSERT INTO s1.t VALUES (?)");
        assertThatThrownBy(() -> named.statement("nope"))
                .hasMessageContaining("no statement 'nope'");
    }
}

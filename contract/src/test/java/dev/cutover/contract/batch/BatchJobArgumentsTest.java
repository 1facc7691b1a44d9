package dev.cutover.contract.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BatchJobArgumentsTest {
    private static final Map<String, String> ENV =
            Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS", "k:9092",
                    "SCHEMA_REGISTRY_URL", "http://registry.example.com:8081",
                    "JDBC_URL", "jdbc:postgresql://db/x",
                    "JDBC_USER", "u",
                    "JDBC_PASSWORD", "secret");

    @Test
    void oneHourWithTheEnvironmentsTargets() {
        BatchJobArguments arguments =
                BatchJobArguments.parse(new String[] {"--hour", "2026-11-23T10:00Z"}, ENV);

        assertThat(arguments.hours().hours())
                .containsExactly(Instant.parse("2026-11-23T10:00:00Z"));
        assertThat(arguments.bootstrapServers()).contains("k:9092");
        assertThat(arguments.jdbcUser()).contains("u");
        assertThat(arguments.outputSchema()).isEqualTo("batch");
        assertThat(arguments.grace()).isEqualTo(Duration.ofMinutes(10));
        assertThat(arguments.lookback()).isEqualTo(Duration.ofHours(6));
        assertThat(arguments.resolveOffsets()).isFalse();
        assertThat(arguments.toArgs()).doesNotContain("secret");
    }

    @Test
    void aRangeIsEveryHourFromInclusiveToExclusive() {
        BatchJobArguments arguments =
                BatchJobArguments.parse(
                        new String[] {
                            "--from=2026-11-23T22:00Z",
                            "--to",
                            "2026-11-24T01:00Z",
                            "--grace",
                            "5m",
                            "--lookback",
                            "PT2H",
                            "--resolve-offsets"
                        },
                        ENV);

        assertThat(arguments.hours().hours())
                .containsExactly(
                        Instant.parse("2026-11-23T22:00:00Z"),
                        Instant.parse("2026-11-23T23:00:00Z"),
                        Instant.parse("2026-11-24T00:00:00Z"));
        assertThat(arguments.grace()).isEqualTo(Duration.ofMinutes(5));
        assertThat(arguments.lookback()).isEqualTo(Duration.ofHours(2));
        assertThat(arguments.resolveOffsets()).isTrue();
    }

    @Test
    void formattedArgumentsParseBackToTheSame() {
        BatchJobArguments arguments =
                BatchJobArguments.parse(
                        new String[] {
                            "--from", "2026-11-23T22:00Z",
                            "--to", "2026-11-24T01:00Z",
                            "--topic", "t",
                            "--output-schema", "batch_2",
                            "--grace", "90s",
                            "--master", "local[1]",
                            "--jdbc-password-file", "/run/secrets/pw",
                            "--min-partitions", "8"
                        },
                        ENV);

        assertThat(BatchJobArguments.parse(arguments.toArgs().toArray(String[]::new), Map.of()))
                .isEqualTo(arguments);
        assertThat(arguments.master()).contains("local[1]");
        assertThat(arguments.jdbcPasswordFile().map(Object::toString))
                .isEqualTo(Optional.of("/run/secrets/pw"));
    }

    @Test
    void badArgumentsSayWhatIsWrong() {
        assertThatThrownBy(() -> BatchJobArguments.parse(new String[] {}, ENV))
                .hasMessageContaining("--hour");
        assertThatThrownBy(
                        () ->
                                BatchJobArguments.parse(
                                        new String[] {"--hour", "2026-11-23T10:30Z"}, ENV))
                .hasMessageContaining("not the start of an hour");
        assertThatThrownBy(
                        () ->
                                BatchJobArguments.parse(
                                        new String[] {"--hour", "2026-11-23T10:00Z"}, Map.of()))
                .hasMessageContaining("SCHEMA_REGISTRY_URL");
        assertThatThrownBy(
                        () ->
                                BatchJobArguments.parse(
                                        new String[] {
                                            "--hour", "2026-11-23T10:00Z", "--grace", "soon"
                                        },
                                        ENV))
                .hasMessageContaining("--grace");
    }
}

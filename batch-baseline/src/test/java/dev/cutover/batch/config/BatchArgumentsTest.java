package dev.cutover.batch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchArgumentsTest {
    private static final Map<String, String> ENV =
            Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS", "k:9092",
                    "SCHEMA_REGISTRY_URL", "http://registry.example.com:8081",
                    "JDBC_URL", "jdbc:postgresql://db/x",
                    "JDBC_USER", "u",
                    "JDBC_PASSWORD", "secret");

    @Test
    void oneHourWithTheEnvironmentsTargets() {
        BatchArguments arguments =
                BatchArguments.parse(new String[] {"--hour", "2026-11-23T10:00Z"}, ENV);

        assertThat(arguments.hours()).containsExactly(Instant.parse("2026-11-23T10:00:00Z"));
        BatchOptions options = arguments.options();
        assertThat(options.kafkaProperties()).containsEntry("bootstrap.servers", "k:9092");
        assertThat(options.target().password()).isEqualTo("secret");
        assertThat(options.target().schema()).isEqualTo("batch");
        assertThat(options.grace()).isEqualTo(Duration.ofMinutes(10));
        assertThat(options.lookback()).isEqualTo(Duration.ofHours(6));
        assertThat(options.reuseOffsets()).isTrue();
        assertThat(options.toString()).doesNotContain("secret");
    }

    @Test
    void aRangeIsEveryHourFromInclusiveToExclusive() {
        BatchArguments arguments =
                BatchArguments.parse(
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

        assertThat(arguments.hours())
                .containsExactly(
                        Instant.parse("2026-11-23T22:00:00Z"),
                        Instant.parse("2026-11-23T23:00:00Z"),
                        Instant.parse("2026-11-24T00:00:00Z"));
        assertThat(arguments.options().grace()).isEqualTo(Duration.ofMinutes(5));
        assertThat(arguments.options().lookback()).isEqualTo(Duration.ofHours(2));
        assertThat(arguments.options().reuseOffsets()).isFalse();
    }

    @Test
    void badArgumentsSayWhatIsWrong() {
        assertThatThrownBy(() -> BatchArguments.parse(new String[] {}, ENV))
                .hasMessageContaining("--hour");
        assertThatThrownBy(
                        () ->
                                BatchArguments.parse(
                                        new String[] {"--hour", "2026-11-23T10:30Z"}, ENV))
                .hasMessageContaining("not the start of an hour");
        assertThatThrownBy(
                        () ->
                                BatchArguments.parse(
                                        new String[] {"--hour", "2026-11-23T10:00Z"}, Map.of()))
                .hasMessageContaining("KAFKA_BOOTSTRAP_SERVERS");
        assertThatThrownBy(
                        () ->
                                BatchArguments.parse(
                                        new String[] {
                                            "--hour", "2026-11-23T10:00Z", "--grace", "soon"
                                        },
                                        ENV))
                .hasMessageContaining("--grace");
    }
}

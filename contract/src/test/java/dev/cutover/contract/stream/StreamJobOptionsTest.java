package dev.cutover.contract.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The job's options parse and format themselves: what cutover formats, the job reads back. */
class StreamJobOptionsTest {
    private static final Map<String, String> GIVEN =
            Map.of(
                    "bootstrap.servers", "k:9092",
                    "schema.registry.url", "https://registry.example.com",
                    "schema.registry.user-info", "u:registry-S3cret",
                    "jdbc.url", "jdbc:postgresql://db.example.com/x",
                    "jdbc.user", "u",
                    "jdbc.password", "db-S3cret",
                    "checkpoint.interval", "PT90S",
                    "sink.flush-interval", "250ms",
                    "kafka.sasl.jaas.config", "jaas-S3cret",
                    "kafka.security.protocol", "SASL_SSL");

    @Test
    void formattedOptionsParseBackToTheSame() {
        StreamJobOptions options = StreamJobOptions.from(GIVEN, Map.of());

        assertThat(StreamJobOptions.from(options.toValues(), Map.of())).isEqualTo(options);
        assertThat(options.toValues())
                .containsEntry("checkpoint.interval", "90s")
                .containsEntry("sink.flush-interval", "250ms")
                .containsEntry("topic", "card-transactions");
        assertThat(options.checkpointInterval()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void whatGoesToAClusterLeavesEverySecretOut() {
        Map<String, String> shown = StreamJobOptions.from(GIVEN, Map.of()).toValuesWithoutSecrets();

        assertThat(shown.toString()).doesNotContain("S3cret");
        assertThat(shown)
                .containsEntry("kafka.security.protocol", "SASL_SSL")
                .doesNotContainKeys(
                        "jdbc.password", "schema.registry.user-info", "kafka.sasl.jaas.config");
        assertThat(StreamJobOptions.from(GIVEN, Map.of()).toString()).doesNotContain("S3cret");
        Map<String, String> inTheUrl = new LinkedHashMap<>(GIVEN);
        inTheUrl.put("jdbc.url", "jdbc:postgresql://db.example.com/x?password=S3cret");
        assertThat(StreamJobOptions.from(inTheUrl, Map.of()).toString())
                .doesNotContain("S3cret")
                .contains("jdbc:postgresql://db.example.com/x?…");
    }

    @Test
    void aBadValueNamesTheKeyAndWhereItCameFrom() {
        Map<String, String> values = new LinkedHashMap<>(GIVEN);
        values.put("checkpoint.interval", "soon");

        assertThatThrownBy(
                        () ->
                                StreamJobOptions.from(
                                        values,
                                        Map.of("checkpoint.interval", "file job.properties")))
                .isInstanceOf(OptionsException.class)
                .hasMessageContaining("'checkpoint.interval' (file job.properties)");
    }
}

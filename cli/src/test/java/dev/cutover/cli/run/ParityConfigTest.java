package dev.cutover.cli.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.contract.CutoverException;
import dev.cutover.contract.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading {@code parity.yaml}: values, secrets by reference only, strict keys, the printed form.
 */
class ParityConfigTest {
    private static final String PASSWORD = "pg-Secret-771";
    private static final String JAAS =
            "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\""
                    + " password=\"kafka-Secret-442\";";
    private static final Map<String, String> ENV =
            Map.of("JDBC_PASSWORD", PASSWORD, "KAFKA_JAAS", JAAS, "BROKERS", "b1:9096,b2:9096");

    @TempDir Path dir;

    private static final String COMPLETE =
            """
            kafka:
              bootstrap-servers: ${env:BROKERS}
              topic: card-transactions-parity-7
              partitions: 12
              properties:
                security.protocol: SASL_SSL
                sasl.mechanism: SCRAM-SHA-512
                sasl.jaas.config: ${env:KAFKA_JAAS}
            schema-registry:
              url: https://registry.example.com:8081
              user-info: ${file:secrets/registry}
            database:
              url: jdbc:postgresql://aurora.example.com:5432/cutover?sslmode=require
              user: cutover
              password: ${env:JDBC_PASSWORD}
            flink:
              rest: http://flink.example.com:8081
              parallelism: 4
              checkpoint-interval: 30s
              job-options:
                sink.buffer-flush.max-rows: "5000"
            spark:
              master: spark://spark.example.com:7077
              spark-submit: /opt/spark/bin/spark-submit
              driver-memory: 4g
            load:
              hours: 2
              rate: 500
              speedup: 1
              late-fraction: 0.02
            run:
              grace: 15m
              policy: gate.yaml
              report-dir: reports
            """;

    @Test
    void readsEveryValueAndResolvesReferences() throws IOException {
        ParityConfig config = load(COMPLETE);

        assertThat(config.target().bootstrapServers()).isEqualTo("b1:9096,b2:9096");
        assertThat(config.target().kafka().getProperty("sasl.jaas.config")).isEqualTo(JAAS);
        assertThat(config.target().topic()).isEqualTo("card-transactions-parity-7");
        assertThat(config.partitions()).isEqualTo(12);
        assertThat(config.target().registryUserInfo()).contains("reg-user:reg-Secret-913");
        assertThat(config.target().jdbcPassword()).contains(PASSWORD);
        assertThat(config.flink().rest()).contains("http://flink.example.com:8081");
        assertThat(config.flink().stream().parallelism()).isEqualTo(4);
        assertThat(config.flink().stream().jobOptions())
                .containsEntry("sink.buffer-flush.max-rows", "5000");
        assertThat(config.spark().sparkSubmit()).contains(Path.of("/opt/spark/bin/spark-submit"));
        assertThat(config.load().hours()).isEqualTo(2);
        assertThat(config.load().speedup()).isEqualTo(1.0);
        assertThat(config.load().lateFraction()).isEqualTo(0.02);
        assertThat(config.load().duplicateFraction()).isEqualTo(0.01);
        assertThat(config.grace()).hasMinutes(15);
        // paths are relative to the config's folder
        assertThat(config.policy()).contains(dir.resolve("gate.yaml"));
        assertThat(config.reportDir()).isEqualTo(dir.resolve("reports"));
    }

    @Test
    void thePrintedFormNamesWhereSecretsComeFromButNeverShowsThem() throws IOException {
        ParityConfig config = load(COMPLETE);

        assertThat(config.printed())
                .contains("${env:JDBC_PASSWORD}", "${env:KAFKA_JAAS}", "${file:secrets/registry}")
                .contains("b1:9096,b2:9096", "spark://spark.example.com:7077")
                .doesNotContain(PASSWORD, "kafka-Secret-442", "reg-Secret-913");
        assertThat(config.toString()).isEqualTo(config.printed());
        assertThat(config.target().toString())
                .doesNotContain(PASSWORD, "kafka-Secret-442", "reg-Secret-913");
    }

    @Test
    void aLiteralSecretIsRefused() {
        assertBad(
                COMPLETE.replace("${env:JDBC_PASSWORD}", "hunter2"),
                "database.password: a secret must come from the environment");
        assertBad(
                COMPLETE.replace("${env:KAFKA_JAAS}", "plain-text-jaas"),
                "kafka.properties.sasl.jaas.config: a secret must come from");
        assertBad(
                COMPLETE.replace("sslmode=require", "password=hunter2"),
                "database.url: no password in the URL");
    }

    @Test
    void unknownKeysMissingValuesAndBadNumbersNameTheirPlace() {
        assertBad(
                COMPLETE.replace("  partitions: 12", "  partition: 12"),
                "kafka.partition: unknown key");
        assertBad(COMPLETE.replace("  user: cutover\n", ""), "database.user: missing");
        assertBad(COMPLETE.replace("rate: 500", "rate: fast"), "load.rate: expected a number");
        assertBad(
                COMPLETE.replace("${env:JDBC_PASSWORD}", "${env:NOT_SET_ANYWHERE}"),
                "database.password: environment variable NOT_SET_ANYWHERE is not set");
        assertBad(COMPLETE.replace("grace: 15m", "grace: soon"), "run.grace");
        assertBad("kafka: [1, 2]\n", "kafka: expected a section of keys");
        assertBad("kafka:\n  topic: 'unclosed\n", "not valid YAML");
    }

    @Test
    void theExampleInTheRepositoryIsValid() throws IOException {
        Path example = Path.of("../examples/parity.yaml");
        Files.createDirectories(dir.resolve("secrets"));
        Path copy = dir.resolve("parity.yaml");
        Files.copy(example, copy);
        Files.writeString(dir.resolve("secrets/kafka-ca.pem"), "-----BEGIN CERTIFICATE-----");
        Map<String, String> env =
                Map.of(
                        "KAFKA_BOOTSTRAP_SERVERS",
                        "b1:9096",
                        "KAFKA_JAAS_CONFIG",
                        JAAS,
                        "SCHEMA_REGISTRY_USER_INFO",
                        "u:p",
                        "JDBC_PASSWORD",
                        PASSWORD);

        ParityConfig config = ParityConfig.load(copy, env::get);

        assertThat(config.target().kafka().getProperty("security.protocol")).isEqualTo("SASL_SSL");
        assertThat(config.policy()).contains(dir.resolve("gate.yaml"));
        assertThat(config.load().hours()).isEqualTo(3);
        assertThat(config.printed()).doesNotContain(PASSWORD, "kafka-Secret-442");
    }

    @Test
    void aMissingFileIsBadInput() {
        assertThatThrownBy(() -> ParityConfig.load(dir.resolve("nope.yaml"), ENV::get))
                .isInstanceOfSatisfying(
                        CutoverException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCode.BAD_INPUT))
                .hasMessageContaining("no such file");
    }

    private ParityConfig load(String yaml) throws IOException {
        Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(dir.resolve("secrets/registry"), "reg-user:reg-Secret-913\n");
        Path file = dir.resolve("parity.yaml");
        Files.writeString(file, yaml);
        return ParityConfig.load(file, ENV::get);
    }

    private void assertBad(String yaml, String message) {
        assertThatThrownBy(() -> load(yaml))
                .isInstanceOfSatisfying(
                        CutoverException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCode.BAD_INPUT))
                .hasMessageContaining(message)
                .hasMessageContaining("parity.yaml");
    }
}

package dev.cutover.cli.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.contract.Ports;
import dev.cutover.stack.EmbeddedKafka;
import dev.cutover.stack.Service;
import dev.cutover.stack.StackEndpoints;
import dev.cutover.stack.StackOptions;
import dev.cutover.testkit.EmbeddedStackTest;
import dev.cutover.testkit.KafkaTopics;
import dev.cutover.testkit.SelfSignedCertificates;
import dev.cutover.testkit.SelfSignedCertificates.Pem;
import dev.cutover.testkit.TestTime;
import dev.cutover.testkit.TestTopic;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cutover generate} against a broker of its own that only lets secured clients in: an SSL
 * listener requiring client certificates (mutual TLS) and a SASL_SSL listener with SASL/PLAIN. The
 * client side is all in {@code --kafka-config}, certificates and key inline as PEM, as for a real
 * cluster; the certificates are made in the test ({@link SelfSignedCertificates}). The schema
 * registry is the embedded stack's.
 */
@EmbeddedStackTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class GenerateTlsITCase {
    private static final String SASL_USER = "loadgen";
    private static final String SASL_PASSWORD = "s3cret-loadgen-password";

    private Path dir;
    private Pem broker;
    private Pem client;
    private EmbeddedKafka kafka;
    private int sslPort;
    private int saslSslPort;

    @BeforeAll
    void startSecuredBroker(@TempDir Path dir) throws Exception {
        this.dir = dir;
        broker = SelfSignedCertificates.create(dir, "broker");
        client = SelfSignedCertificates.create(dir, "client");
        int plainPort = Ports.free();
        int controllerPort = Ports.free();
        sslPort = Ports.free();
        saslSslPort = Ports.free();
        StackOptions options =
                StackOptions.defaults()
                        .withRunDir(dir.resolve("kafka"))
                        .withServices(Service.KAFKA)
                        .withKafkaPort(plainPort)
                        .withKafkaProperty(
                                "listeners",
                                "PLAINTEXT://127.0.0.1:"
                                        + plainPort
                                        + ",CONTROLLER://127.0.0.1:"
                                        + controllerPort
                                        + ",SSL://127.0.0.1:"
                                        + sslPort
                                        + ",SASL_SSL://127.0.0.1:"
                                        + saslSslPort)
                        .withKafkaProperty(
                                "controller.quorum.voters", "1@127.0.0.1:" + controllerPort)
                        .withKafkaProperty(
                                "advertised.listeners",
                                "PLAINTEXT://127.0.0.1:"
                                        + plainPort
                                        + ",SSL://127.0.0.1:"
                                        + sslPort
                                        + ",SASL_SSL://127.0.0.1:"
                                        + saslSslPort)
                        .withKafkaProperty(
                                "listener.security.protocol.map",
                                "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SSL:SSL,SASL_SSL:SASL_SSL")
                        // SSL: mutual TLS, the client's certificate is the only one trusted.
                        .withKafkaProperty("listener.name.ssl.ssl.client.auth", "required")
                        .withKafkaProperty("listener.name.ssl.ssl.keystore.type", "PEM")
                        .withKafkaProperty(
                                "listener.name.ssl.ssl.keystore.certificate.chain",
                                broker.certificate())
                        .withKafkaProperty(
                                "listener.name.ssl.ssl.keystore.key", broker.privateKey())
                        .withKafkaProperty("listener.name.ssl.ssl.truststore.type", "PEM")
                        .withKafkaProperty(
                                "listener.name.ssl.ssl.truststore.certificates",
                                client.certificate())
                        // SASL_SSL: server-side TLS, SASL/PLAIN with one user.
                        .withKafkaProperty("listener.name.sasl_ssl.ssl.keystore.type", "PEM")
                        .withKafkaProperty(
                                "listener.name.sasl_ssl.ssl.keystore.certificate.chain",
                                broker.certificate())
                        .withKafkaProperty(
                                "listener.name.sasl_ssl.ssl.keystore.key", broker.privateKey())
                        .withKafkaProperty("sasl.enabled.mechanisms", "PLAIN")
                        .withKafkaProperty(
                                "listener.name.sasl_ssl.plain.sasl.jaas.config",
                                "org.apache.kafka.common.security.plain.PlainLoginModule required"
                                        + " user_"
                                        + SASL_USER
                                        + "=\""
                                        + SASL_PASSWORD
                                        + "\";");
        kafka = EmbeddedKafka.start(options);
    }

    @AfterAll
    void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void generatesOverMutualTlsWithInlinePem(StackEndpoints stack, TestTopic topic)
            throws Exception {
        Properties config = new Properties();
        config.setProperty("security.protocol", "SSL");
        config.setProperty("ssl.truststore.type", "PEM");
        config.setProperty("ssl.truststore.certificates", broker.certificate());
        config.setProperty("ssl.keystore.type", "PEM");
        config.setProperty("ssl.keystore.certificate.chain", client.certificate());
        config.setProperty("ssl.keystore.key", client.privateKey());

        CliRun run = generate(stack, topic, "127.0.0.1:" + sslPort, config);

        assertSentEverything(run, topic);
        assertThat(run.out() + run.err()).doesNotContain("PRIVATE KEY");
    }

    @Test
    void generatesOverSaslPlainOnTls(StackEndpoints stack, TestTopic topic) throws Exception {
        Properties config = new Properties();
        config.setProperty("security.protocol", "SASL_SSL");
        config.setProperty("ssl.truststore.type", "PEM");
        config.setProperty("ssl.truststore.certificates", broker.certificate());
        config.setProperty("sasl.mechanism", "PLAIN");
        config.setProperty(
                "sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                        + SASL_USER
                        + "\" password=\""
                        + SASL_PASSWORD
                        + "\";");

        CliRun run = generate(stack, topic, "127.0.0.1:" + saslSslPort, config);

        assertSentEverything(run, topic);
        assertThat(run.out() + run.err()).doesNotContain(SASL_PASSWORD);
    }

    @Test
    void aWrongSaslPasswordIsOneLineAndNoSecret(StackEndpoints stack, TestTopic topic)
            throws Exception {
        Properties config = new Properties();
        config.setProperty("security.protocol", "SASL_SSL");
        config.setProperty("ssl.truststore.type", "PEM");
        config.setProperty("ssl.truststore.certificates", broker.certificate());
        config.setProperty("sasl.mechanism", "PLAIN");
        config.setProperty(
                "sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                        + SASL_USER
                        + "\" password=\"not-the-password\";");

        CliRun run = generate(stack, topic, "127.0.0.1:" + saslSslPort, config);

        assertThat(run.code()).as(run.toString()).isEqualTo(3);
        assertThat(run.errLines()).as(run.toString()).hasSize(1);
        assertThat(run.err()).doesNotContain("not-the-password");
    }

    /**
     * Runs generate with {@code config} as its {@code --kafka-config} file (PEM escaped inline).
     */
    private CliRun generate(
            StackEndpoints stack, TestTopic topic, String bootstrap, Properties config)
            throws Exception {
        Path file = dir.resolve(topic.name() + ".properties");
        try (Writer out = Files.newBufferedWriter(file)) {
            config.store(out, "client side of " + bootstrap);
        }
        assertThat(Files.readString(file))
                .as("PEM written inline, one property per line")
                .contains("ssl.truststore.certificates=-----BEGIN CERTIFICATE-----\\n");
        return CliRun.of(
                "generate",
                "--bootstrap-servers",
                bootstrap,
                "--kafka-config",
                file.toString(),
                "--schema-registry",
                stack.schemaRegistryUrl(),
                "--topic",
                topic.name(),
                "--create-topic",
                "2",
                "--events",
                "300",
                "--connect-timeout",
                "20s",
                "--poison-fraction",
                "0.02",
                "--start",
                TestTime.hourStart(1).toString(),
                "--summary-json",
                dir.resolve(topic.name() + ".json").toString());
    }

    private void assertSentEverything(CliRun run, TestTopic topic) throws Exception {
        assertThat(run.code()).as(run.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(dir.resolve(topic.name() + ".json").toFile());
        assertThat(json.at("/records/acknowledged").asLong()).isEqualTo(300);
        // Read back over the plain listener: the records are really there.
        assertThat(
                        KafkaTopics.drain(
                                kafka.bootstrapServers(), topic.name(), Duration.ofSeconds(60)))
                .hasSize(300);
    }
}

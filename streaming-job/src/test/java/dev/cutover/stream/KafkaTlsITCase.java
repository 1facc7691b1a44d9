package dev.cutover.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.contract.Ports;
import dev.cutover.contract.stream.StreamJobOptions;
import dev.cutover.model.db.OutputTables;
import dev.cutover.stack.EmbeddedKafka;
import dev.cutover.stack.Service;
import dev.cutover.stack.StackEndpoints;
import dev.cutover.stack.StackOptions;
import dev.cutover.stream.Truth.Arrival;
import dev.cutover.stream.pipeline.StreamJob;
import dev.cutover.testkit.EmbeddedStackTest;
import dev.cutover.testkit.KafkaTopics;
import dev.cutover.testkit.SelfSignedCertificates;
import dev.cutover.testkit.SelfSignedCertificates.Pem;
import dev.cutover.testkit.TestSchema;
import dev.cutover.testkit.TestTime;
import dev.cutover.testkit.TestTopic;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka over mutual TLS with every certificate and key inline as PEM in the job's {@code kafka.*}
 * options (no files on task managers): a broker of its own with an SSL listener that requires
 * client certificates; certificates made in the test ({@link SelfSignedCertificates}).
 */
@EmbeddedStackTest(services = {Service.SCHEMA_REGISTRY, Service.POSTGRES, Service.KAFKA})
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class KafkaTlsITCase {

    @Test
    void theJobReadsFromATlsListenerWithInlinePemCertificates(
            StackEndpoints stack, TestTopic topic, TestSchema schema, @TempDir Path dir)
            throws Exception {
        Pem broker = SelfSignedCertificates.create(dir, "broker");
        Pem client = SelfSignedCertificates.create(dir, "client");
        int plainPort = Ports.free();
        int controllerPort = Ports.free();
        int sslPort = Ports.free();
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
                                        + sslPort)
                        .withKafkaProperty(
                                "controller.quorum.voters", "1@127.0.0.1:" + controllerPort)
                        .withKafkaProperty(
                                "advertised.listeners",
                                "PLAINTEXT://127.0.0.1:"
                                        + plainPort
                                        + ",SSL://127.0.0.1:"
                                        + sslPort)
                        .withKafkaProperty(
                                "listener.security.protocol.map",
                                "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SSL:SSL")
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
                                client.certificate());
        try (EmbeddedKafka kafka = EmbeddedKafka.start(options)) {
            String plain = kafka.bootstrapServers();
            KafkaTopics.create(plain, topic.name(), 2);
            OutputTables.migrateSchema(
                    stack.jdbcUrl(), stack.jdbcUser(), stack.jdbcPassword(), schema.name());
            List<Arrival> arrivals;
            try (FixtureProducer producer =
                    new FixtureProducer(
                            plain, topic.name(), stack.schemaRegistryUrl(), topic.subject())) {
                StreamJobITCase.sendEvents(producer, new Random(9), 0, 200, TestTime.hourStart(1));
                arrivals = producer.flush();
            }

            Map<String, String> values = new HashMap<>();
            values.put("bootstrap.servers", "127.0.0.1:" + sslPort);
            values.put("kafka.security.protocol", "SSL");
            values.put("kafka.ssl.truststore.type", "PEM");
            values.put("kafka.ssl.truststore.certificates", broker.certificate());
            values.put("kafka.ssl.keystore.type", "PEM");
            values.put("kafka.ssl.keystore.certificate.chain", client.certificate());
            values.put("kafka.ssl.keystore.key", client.privateKey());
            values.put("topic", topic.name());
            values.put("group.id", topic.name());
            values.put("schema.registry.url", stack.schemaRegistryUrl());
            values.put("jdbc.url", stack.jdbcUrl());
            values.put("jdbc.user", stack.jdbcUser());
            values.put("jdbc.password", stack.jdbcPassword());
            values.put("jdbc.schema", schema.name());
            values.put("bounded", "true");
            values.put("parallelism", "1");
            values.put("checkpoint.interval", "1s");
            values.put("restart.attempts", "0");
            StreamJobOptions job = StreamJobOptions.from(values, Map.of());
            assertThat(job.toString()).doesNotContain("PRIVATE KEY");

            StreamJob.submit(StreamExecutionEnvironment.createLocalEnvironment(1), job)
                    .await(2, TimeUnit.MINUTES);

            assertThat(StreamTables.cardTransactions(stack, schema))
                    .isEqualTo(Truth.cardTransactions(arrivals));
        }
    }
}

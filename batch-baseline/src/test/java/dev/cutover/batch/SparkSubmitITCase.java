package dev.cutover.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.contract.Defaults;
import dev.cutover.model.CardTransactionSchemas;
import dev.cutover.model.registry.SchemaRegistryClient;
import dev.cutover.stack.StackEndpoints;
import dev.cutover.testkit.EmbeddedStackTest;
import dev.cutover.testkit.KafkaTopics;
import dev.cutover.testkit.TestSchema;
import dev.cutover.testkit.TestTime;
import dev.cutover.testkit.TestTopic;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The shaded jar as production runs it: {@code org.apache.spark.deploy.SparkSubmit --master
 * local[2]} in a child JVM on Spark's jars only ({@code target/spark-lib}), against the embedded
 * stack.
 */
@EmbeddedStackTest
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class SparkSubmitITCase {

    @Test
    void theShadedJarCarriesTheKafkaSourceAndTheMigrations() throws Exception {
        try (JarFile jar = new JarFile(jobJar().toFile())) {
            String services =
                    new String(
                            jar.getInputStream(
                                            jar.getEntry(
                                                    "META-INF/services/"
                                                        + "org.apache.spark.sql.sources.DataSourceRegister"))
                                    .readAllBytes(),
                            StandardCharsets.UTF_8);
            assertThat(services).contains("org.apache.spark.sql.kafka010.KafkaSourceProvider");
            assertThat(jar.getEntry("db/batch/V1__batch_runs.sql")).isNotNull();
            assertThat(jar.getEntry("db/output/V1__output_tables.sql")).isNotNull();
            assertThat(jar.getEntry("org/apache/spark/SparkContext.class"))
                    .as("Spark stays provided")
                    .isNull();
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
                    .isEqualTo(BatchMain.class.getName());
        }
    }

    @Test
    void sparkSubmitRunsTheHour(StackEndpoints stack, TestTopic topic, TestSchema schema)
            throws Exception {
        KafkaTopics.create(stack.kafkaBootstrapServers(), topic.name(), 2);
        SchemaRegistryClient registry = SchemaRegistryClient.of(stack.schemaRegistryUrl());
        int v1 = registry.register(topic.subject(), CardTransactionSchemas.V1.schema());
        int v2 = registry.register(topic.subject(), CardTransactionSchemas.V2.schema());
        Instant hour = TestTime.hourStart(5);
        SimulatedHours traffic = SimulatedHours.generate(11, hour, 1, 20, 2, v1, v2);
        BatchJobITCase.produce(stack, topic.name(), traffic.sent());

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.asList(System.getProperty("cutover.spark.jvm.flags").split(" ")));
        command.addAll(
                List.of(
                        "-Xmx1g",
                        "-cp",
                        Path.of(System.getProperty("cutover.spark.lib")) + "/*",
                        "org.apache.spark.deploy.SparkSubmit",
                        "--master",
                        "local[2]",
                        "--conf",
                        "spark.driver.host=127.0.0.1",
                        "--conf",
                        "spark.driver.bindAddress=127.0.0.1",
                        "--class",
                        BatchMain.class.getName(),
                        jobJar().toString(),
                        "--hour",
                        hour.toString(),
                        "--topic",
                        topic.name(),
                        "--output-schema",
                        schema.name()));
        Path log = Files.createTempFile("spark-submit", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.redirectOutput(log.toFile());
        builder.environment()
                .putAll(
                        Map.of(
                                "KAFKA_BOOTSTRAP_SERVERS", stack.kafkaBootstrapServers(),
                                "SCHEMA_REGISTRY_URL", stack.schemaRegistryUrl(),
                                "JDBC_URL", stack.jdbcUrl(),
                                "JDBC_USER", stack.jdbcUser(),
                                "JDBC_PASSWORD", stack.jdbcPassword()));
        Process process = builder.start();
        boolean exited = process.waitFor(3, TimeUnit.MINUTES);
        if (!exited) {
            process.destroyForcibly();
        }
        String output = Files.readString(log);
        assertThat(exited).as(output).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("RUN hour " + hour);

        List<String> expected =
                traffic.expectedIn(hour, Defaults.GRACE).stream()
                        .map(e -> e.expectedRow(traffic.firstArrival(e)))
                        .toList();
        assertThat(BatchJobITCase.transactions(stack, schema, hour))
                .containsExactlyInAnyOrderElementsOf(expected);
        Files.deleteIfExists(log);
    }

    private static Path jobJar() {
        return Path.of(System.getProperty("cutover.batch.jar"));
    }
}

package dev.cutover.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.contract.Defaults;
import dev.cutover.contract.batch.BatchJobArguments;
import dev.cutover.contract.batch.HourRange;
import dev.cutover.launch.spark.BatchJarLocator;
import dev.cutover.launch.spark.SparkBatch;
import dev.cutover.model.CardTransactionSchemas;
import dev.cutover.model.registry.SchemaRegistryClient;
import dev.cutover.stack.StackEndpoints;
import dev.cutover.testkit.EmbeddedStackTest;
import dev.cutover.testkit.KafkaTopics;
import dev.cutover.testkit.TestSchema;
import dev.cutover.testkit.TestTime;
import dev.cutover.testkit.TestTopic;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
            assertThat(jar.getEntry("sql/replace-hour.sql")).isNotNull();
            assertThat(jar.getEntry("dev/cutover/contract/batch/BatchJobArguments.class"))
                    .as("the arguments' contract travels with the job")
                    .isNotNull();
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

        List<String> lines = new ArrayList<>();
        new SparkBatch(
                        new BatchJarLocator.BatchJar(
                                jobJar(), Path.of(System.getProperty("cutover.spark.lib"))),
                        SparkBatch.Settings.bundled().withDriverMemory("1g"))
                .run(
                        BatchJobArguments.of(
                                HourRange.of(hour),
                                stack.kafkaBootstrapServers(),
                                topic.name(),
                                stack.schemaRegistryUrl(),
                                stack.jdbcUrl(),
                                stack.jdbcUser(),
                                schema.name()),
                        new SparkBatch.Secrets(
                                Optional.ofNullable(stack.jdbcPassword()), Optional.empty()),
                        lines::add);
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("RUN hour " + hour));

        List<String> expected =
                traffic.expectedIn(hour, Defaults.GRACE).stream()
                        .map(e -> e.expectedRow(traffic.firstArrival(e)))
                        .toList();
        assertThat(BatchJobITCase.transactions(stack, schema, hour))
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    private static Path jobJar() {
        return Path.of(System.getProperty("cutover.batch.jar"));
    }
}

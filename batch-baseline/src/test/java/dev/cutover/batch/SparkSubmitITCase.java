package dev.cutover.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.contract.Defaults;
import dev.cutover.contract.batch.BatchJobArguments;
import dev.cutover.contract.batch.HourRange;
import dev.cutover.launch.spark.BatchJarLocator;
import dev.cutover.launch.spark.SparkBatch;
import dev.cutover.launch.spark.StandaloneSparkCluster;
import dev.cutover.model.CardTransactionSchemas;
import dev.cutover.model.registry.SchemaRegistryClient;
import dev.cutover.stack.StackEndpoints;
import dev.cutover.testkit.EmbeddedStackTest;
import dev.cutover.testkit.KafkaTopics;
import dev.cutover.testkit.TestSchema;
import dev.cutover.testkit.TestTime;
import dev.cutover.testkit.TestTopic;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar as production runs it, against the embedded stack: {@code
 * org.apache.spark.deploy.SparkSubmit --master local[2]} in a child JVM on Spark's jars only
 * ({@code target/spark-lib}), and {@code spark-submit --master spark://…} to a standalone Spark
 * cluster.
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
                    .as("the contract is in the jar (spark-lib leaves it out)")
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
                .run(arguments(stack, topic, schema, hour), secrets(stack), lines::add);
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("RUN hour " + hour));

        List<String> expected =
                traffic.expectedIn(hour, Defaults.GRACE).stream()
                        .map(e -> e.expectedRow(traffic.firstArrival(e)))
                        .toList();
        assertThat(BatchJobITCase.transactions(stack, schema, hour))
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    /**
     * What {@code cutover batch --spark-submit FILE --spark-master spark://…} does against a
     * cluster: a standalone Spark master and worker, each in a JVM of its own ({@code launch}'s
     * {@code StandaloneSparkCluster}), the batch through the {@code bin/spark-submit} script of
     * their Spark home ({@code SparkSubmit} on Spark's jars, as a distribution's script runs it);
     * the driver in that JVM, the tasks in an executor the worker started. The master lists the
     * application as finished, the executor's output shows the tasks it ran, and the hour's rows
     * are the ones the ground truth expects.
     */
    @Test
    void sparkSubmitRunsTheHourOnAStandaloneCluster(
            StackEndpoints stack, TestTopic topic, TestSchema schema, @TempDir Path dir)
            throws Exception {
        KafkaTopics.create(stack.kafkaBootstrapServers(), topic.name(), 2);
        SchemaRegistryClient registry = SchemaRegistryClient.of(stack.schemaRegistryUrl());
        int v1 = registry.register(topic.subject(), CardTransactionSchemas.V1.schema());
        int v2 = registry.register(topic.subject(), CardTransactionSchemas.V2.schema());
        Instant hour = TestTime.hourStart(5);
        SimulatedHours traffic = SimulatedHours.generate(13, hour, 1, 20, 2, v1, v2);
        BatchJobITCase.produce(stack, topic.name(), traffic.sent());
        BatchJarLocator.BatchJar jar =
                new BatchJarLocator.BatchJar(
                        jobJar(), Path.of(System.getProperty("cutover.spark.lib")));

        List<String> lines = new ArrayList<>();
        try (StandaloneSparkCluster cluster =
                StandaloneSparkCluster.start(jar, dir, 2, "1g", Duration.ofMinutes(2))) {
            new SparkBatch(
                            jar,
                            new SparkBatch.Settings(
                                    Optional.of(cluster.sparkSubmit()), cluster.masterUrl(), "1g"))
                    .run(arguments(stack, topic, schema, hour), secrets(stack), lines::add);

            JsonNode status = masterStatus(cluster);
            assertThat(status.path("completedapps"))
                    .as("the application ran on the cluster: %s", status)
                    .hasSize(1);
            JsonNode app = status.path("completedapps").get(0);
            assertThat(app.path("state").asText()).isEqualTo("FINISHED");
            // The worker keeps each executor's output in work/<app id>/<executor id>/stderr.
            Path executor = dir.resolve("work").resolve(app.path("id").asText()).resolve("0");
            assertThat(Files.readString(executor.resolve("stderr")))
                    .as("tasks ran in the executor the worker started")
                    .contains("Finished task");
        }
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("RUN hour " + hour));

        List<String> expected =
                traffic.expectedIn(hour, Defaults.GRACE).stream()
                        .map(e -> e.expectedRow(traffic.firstArrival(e)))
                        .toList();
        assertThat(expected).isNotEmpty();
        assertThat(BatchJobITCase.transactions(stack, schema, hour))
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    /** The master's status page as JSON: workers, running and completed applications. */
    private static JsonNode masterStatus(StandaloneSparkCluster cluster) throws Exception {
        HttpResponse<String> answer =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create(cluster.webUrl() + "/json/"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        return new ObjectMapper().readTree(answer.body());
    }

    private static Path jobJar() {
        return Path.of(System.getProperty("cutover.batch.jar"));
    }

    private static BatchJobArguments arguments(
            StackEndpoints stack, TestTopic topic, TestSchema schema, Instant hour) {
        return BatchJobArguments.of(
                HourRange.of(hour),
                stack.kafkaBootstrapServers(),
                topic.name(),
                stack.schemaRegistryUrl(),
                stack.jdbcUrl(),
                stack.jdbcUser(),
                schema.name());
    }

    private static SparkBatch.Secrets secrets(StackEndpoints stack) {
        return new SparkBatch.Secrets(Optional.ofNullable(stack.jdbcPassword()), Optional.empty());
    }
}

package dev.cutover.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.model.db.OutputTables;
import dev.cutover.stack.StackEndpoints;
import dev.cutover.stream.Truth.Arrival;
import dev.cutover.testkit.EmbeddedStackTest;
import dev.cutover.testkit.KafkaTopics;
import dev.cutover.testkit.TestSchema;
import dev.cutover.testkit.TestTime;
import dev.cutover.testkit.TestTopic;
import java.io.File;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar outside the IDE, as {@code cutover stream} runs it: a child JVM on {@code
 * target/flink-lib/*} + the job jar, options from a properties file, a bounded run to the end.
 */
@EmbeddedStackTest
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class LocalLaunchITCase {
    private static final Path JAR =
            Path.of(System.getProperty("cutover.stream.jar", "target/cutover-streaming-job.jar"));

    @Test
    void theShadedJarRunsInItsOwnJvmOnFlinksJars(
            StackEndpoints stack, TestTopic topic, TestSchema schema, @TempDir Path temp)
            throws Exception {
        KafkaTopics.create(stack.kafkaBootstrapServers(), topic.name(), 2);
        OutputTables.migrateSchema(
                stack.jdbcUrl(), stack.jdbcUser(), stack.jdbcPassword(), schema.name());
        List<Arrival> arrivals;
        try (FixtureProducer producer =
                new FixtureProducer(
                        stack.kafkaBootstrapServers(),
                        topic.name(),
                        stack.schemaRegistryUrl(),
                        topic.subject())) {
            StreamJobITCase.sendEvents(producer, new Random(11), 0, 400, TestTime.hourStart(1));
            arrivals = producer.flush();
        }
        Properties options = new Properties();
        options.setProperty("bootstrap.servers", stack.kafkaBootstrapServers());
        options.setProperty("topic", topic.name());
        options.setProperty("schema.registry.url", stack.schemaRegistryUrl());
        options.setProperty("jdbc.url", stack.jdbcUrl());
        options.setProperty("jdbc.user", stack.jdbcUser());
        options.setProperty("jdbc.password", stack.jdbcPassword());
        options.setProperty("jdbc.schema", schema.name());
        options.setProperty("bounded", "true");
        options.setProperty("parallelism", "2");
        options.setProperty("checkpoint.interval", "1s");
        options.setProperty("restart.attempts", "0");
        options.setProperty("checkpoint.dir", temp.resolve("checkpoints").toUri().toString());
        Path config = temp.resolve("job.properties");
        try (Writer writer = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
            options.store(writer, null);
        }
        Path log = temp.resolve("job.log");

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Duser.timezone=UTC");
        command.add("-Xmx768m");
        command.add("-cp");
        command.add(JAR.resolveSibling("flink-lib") + "/*" + File.pathSeparator + JAR);
        command.add("dev.cutover.stream.StreamJobMain");
        command.add("--config");
        command.add(config.toString());
        Process child =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
        boolean ended = child.waitFor(150, TimeUnit.SECONDS);
        if (!ended) {
            child.destroyForcibly();
        }
        String output = Files.readString(log);
        assertThat(ended).as(output).isTrue();
        assertThat(child.exitValue()).as(output).isZero();
        assertThat(output).containsPattern("JOB_ID=[0-9a-f]{32}");
        assertThat(output).doesNotContain(stack.jdbcPassword());

        assertThat(StreamTables.cardTransactions(stack, schema))
                .isEqualTo(Truth.cardTransactions(arrivals));
        assertThat(StreamTables.hourlySpend(stack, schema))
                .isEqualTo(StreamTables.keyed(Truth.hourlySpend(arrivals)));
    }
}

package dev.cutover.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.contract.stream.StreamJobOptions;
import dev.cutover.stack.StackEndpoints;
import dev.cutover.stream.Truth.Arrival;
import dev.cutover.stream.functions.WriterSchemasFactory;
import dev.cutover.stream.io.KafkaRecord;
import dev.cutover.stream.pipeline.JdbcSinks;
import dev.cutover.stream.pipeline.KafkaInput;
import dev.cutover.stream.pipeline.StreamJob;
import dev.cutover.stream.pipeline.StreamPipeline;
import dev.cutover.testkit.EmbeddedStackTest;
import dev.cutover.testkit.TestSchema;
import dev.cutover.testkit.TestTime;
import dev.cutover.testkit.TestTopic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job fails mid-run, up to three times (each after a checkpoint completed, while records are
 * still flowing), restarts from its checkpoints and replays Kafka; the tables still equal the
 * truth: no row lost, none doubled.
 */
@EmbeddedStackTest
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class FailoverITCase {
    private static final int FAILURES = 3;

    @Test
    void restartsFromCheckpointsEndWithExactlyTheTruth(
            StackEndpoints stack, TestTopic topic, TestSchema schema, @TempDir Path failures)
            throws Exception {
        StreamTables.prepare(stack, topic, schema, 3);
        List<Arrival> arrivals;
        try (FixtureProducer producer =
                new FixtureProducer(
                        stack.kafkaBootstrapServers(),
                        topic.name(),
                        stack.schemaRegistryUrl(),
                        topic.subject())) {
            // 3000 events span under 6 h of Kafka time: all of it in the past
            StreamJobITCase.sendEvents(producer, new Random(3), 0, 3000, TestTime.hourStart(6));
            arrivals = producer.flush();
        }

        Map<String, String> values = new HashMap<>();
        values.put("bootstrap.servers", stack.kafkaBootstrapServers());
        values.put("topic", topic.name());
        values.put("group.id", topic.name());
        values.put("schema.registry.url", stack.schemaRegistryUrl());
        values.put("jdbc.url", stack.jdbcUrl());
        values.put("jdbc.user", stack.jdbcUser());
        values.put("jdbc.password", stack.jdbcPassword());
        values.put("jdbc.schema", schema.name());
        values.put("bounded", "true");
        values.put("parallelism", "2");
        values.put("checkpoint.interval", "300ms");
        values.put("restart.attempts", Integer.toString(FAILURES + 2));
        values.put("restart.delay", "100ms");
        values.put("sink.flush-interval", "100ms");
        StreamJobOptions options = StreamJobOptions.from(values, Map.of());

        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
        StreamJob.configure(env, options);
        StreamTableEnvironment tEnv = StreamJob.tableEnvironment(env, options);
        DataStream<KafkaRecord> records =
                env.fromSource(
                                KafkaInput.source(options),
                                WatermarkStrategy.noWatermarks(),
                                "kafka")
                        .map(new FailAfterCheckpoint(FAILURES, failures.toString()))
                        .returns(KafkaRecord.class)
                        .name("fault-injector");
        StreamPipeline.registerSource(
                tEnv,
                records,
                WriterSchemasFactory.registry(stack.schemaRegistryUrl(), ""),
                new StreamPipeline.EventTime(options.maxOutOfOrderness(), options.idleTimeout()),
                options.stateTtl(),
                options.testDefect());
        JdbcSinks.register(tEnv, options);
        TableResult result = StreamPipeline.inserts(tEnv).execute();
        JobClient job = result.getJobClient().orElseThrow();
        result.await(3, TimeUnit.MINUTES);

        assertThat(job.getJobExecutionResult().get().getJobExecutionResult()).isNotNull();
        // How many attempts saw a checkpoint complete before their records ran out depends on the
        // machine's speed; at least one failed after a checkpoint and was restored from it.
        try (var injected = Files.list(failures)) {
            assertThat(injected.count()).as("injected failures").isBetween(1L, (long) FAILURES);
        }
        assertThat(StreamTables.cardTransactions(stack, schema))
                .isEqualTo(Truth.cardTransactions(arrivals));
        assertThat(StreamTables.hourlySpend(stack, schema))
                .isEqualTo(StreamTables.keyed(Truth.hourlySpend(arrivals)));
    }

    /**
     * On attempts 0..failures-1 of subtask 0, slows records down (10 ms each, so a checkpoint
     * completes long before its records run out, even on a loaded machine) and throws at the first
     * record after a checkpoint completed: the job fails after some output was already written.
     */
    static final class FailAfterCheckpoint extends RichMapFunction<KafkaRecord, KafkaRecord>
            implements CheckpointListener {
        private static final long serialVersionUID = 1L;
        private final int failures;
        private final String markerDir;
        private transient boolean armed;
        private transient boolean failing;

        FailAfterCheckpoint(int failures, String markerDir) {
            this.failures = failures;
            this.markerDir = markerDir;
        }

        @Override
        public void open(OpenContext openContext) {
            failing =
                    getRuntimeContext().getTaskInfo().getAttemptNumber() < failures
                            && getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0;
        }

        @Override
        public KafkaRecord map(KafkaRecord record) throws Exception {
            if (failing) {
                if (armed) {
                    int attempt = getRuntimeContext().getTaskInfo().getAttemptNumber();
                    Files.writeString(Path.of(markerDir, "failure-" + attempt), record.toString());
                    throw new IllegalStateException("injected failure at " + record);
                }
                Thread.sleep(10);
            }
            return record;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            armed = true;
        }
    }
}

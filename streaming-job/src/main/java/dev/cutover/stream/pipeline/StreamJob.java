package dev.cutover.stream.pipeline;

import dev.cutover.contract.stream.StreamJobOptions;
import dev.cutover.stream.config.FlinkDurations;
import dev.cutover.stream.functions.WriterSchemasFactory;
import dev.cutover.stream.io.KafkaRecord;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.StatementSet;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;

/** Builds the whole job (Kafka → decode → SQL → JDBC) on an environment, and submits it. */
public final class StreamJob {
    public static final String JOB_NAME = "cutover-stream";

    /** Longest a row waits in a network buffer between two tasks. */
    static final String NETWORK_BUFFER_TIMEOUT = "10ms";

    private StreamJob() {}

    /** Checkpointing, restarts and parallelism from {@code options}. */
    public static void configure(StreamExecutionEnvironment env, StreamJobOptions options) {
        env.enableCheckpointing(
                options.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
        if (options.parallelism() > 0) {
            env.setParallelism(options.parallelism());
        }
        Configuration restart = new Configuration();
        // No defensive copy between chained operators: the SQL operators are written for object
        // reuse, DecodeFunction emits new rows, FirstArrivalFunction keeps a copy of its own and
        // the JDBC sink copies what it buffers when reuse is on. The copies were a quarter of
        // the CPU of the dedup → SQL → sink chain (docs/benchmarks.md).
        restart.setString("pipeline.object-reuse", "true");
        // Network buffers between tasks (the shuffles by transaction_id and by account-hour) are
        // sent when full or after this long. Flink's default of 100 ms sat on every row at a low
        // rate, before the JDBC buffer's own wait; under a backlog buffers fill long before 10 ms
        // (docs/benchmarks.md).
        restart.setString("execution.buffer-timeout.interval", NETWORK_BUFFER_TIMEOUT);
        // A failed checkpoint (e.g. a slow store under load) does not fail the job at once.
        restart.setString("execution.checkpointing.tolerable-failed-checkpoints", "3");
        if (!options.checkpointDir().isBlank()) {
            // The default JobManager storage caps state at 5 MB: a local run with the dedup
            // state of 100k transactions already exceeds it.
            restart.setString("execution.checkpointing.storage", "filesystem");
            restart.setString("execution.checkpointing.dir", options.checkpointDir());
        }
        if (options.restartAttempts() == 0) {
            restart.setString("restart-strategy.type", "none");
        } else {
            restart.setString("restart-strategy.type", "fixed-delay");
            restart.setString(
                    "restart-strategy.fixed-delay.attempts",
                    Integer.toString(options.restartAttempts()));
            restart.setString(
                    "restart-strategy.fixed-delay.delay",
                    FlinkDurations.of(options.restartDelay()));
        }
        env.configure(restart);
    }

    /** The table environment with the job's SQL settings (UTC, idle timeout, TTL, mini-batch). */
    public static StreamTableEnvironment tableEnvironment(
            StreamExecutionEnvironment env, StreamJobOptions options) {
        Configuration sql = new Configuration();
        sql.setString("table.local-time-zone", "UTC");
        sql.setString("table.exec.source.idle-timeout", FlinkDurations.of(options.idleTimeout()));
        sql.setString("table.exec.state.ttl", FlinkDurations.of(options.stateTtl()));
        if (!options.miniBatchLatency().isZero()) {
            sql.setString("table.exec.mini-batch.enabled", "true");
            sql.setString(
                    "table.exec.mini-batch.allow-latency",
                    FlinkDurations.of(options.miniBatchLatency()));
            sql.setString("table.exec.mini-batch.size", "5000");
            // One aggregation phase, not local + global: MAX over the dedup's retracting stream is
            // MAX_RETRACT, whose accumulator is a map of value -> count, so the local phase
            // shipped one map per (account, hour) per bundle through the shuffle, and with
            // ~10k accounts a bundle barely combines rows (cutover bench stream:
            // docs/benchmarks.md).
            sql.setString("table.optimizer.agg-phase-strategy", "ONE_PHASE");
        }
        sql.setString("pipeline.name", JOB_NAME);
        return StreamTableEnvironment.create(
                env,
                EnvironmentSettings.newInstance().inStreamingMode().withConfiguration(sql).build());
    }

    /** Declares source, transform and JDBC sinks; returns the statement set to execute. */
    public static StatementSet build(
            StreamExecutionEnvironment env,
            StreamTableEnvironment tEnv,
            StreamJobOptions options,
            WriterSchemasFactory writerSchemas) {
        DataStream<KafkaRecord> records =
                env.fromSource(
                                KafkaInput.source(options),
                                WatermarkStrategy.noWatermarks(),
                                "kafka-" + options.topic())
                        .uid("kafka-source");
        StreamPipeline.registerSource(
                tEnv,
                records,
                writerSchemas,
                new StreamPipeline.EventTime(options.maxOutOfOrderness(), options.idleTimeout()),
                options.stateTtl(),
                options.testDefect());
        JdbcSinks.register(tEnv, options);
        return StreamPipeline.inserts(tEnv);
    }

    /** Builds and submits the job on {@code env}; the result holds its {@code JobClient}. */
    public static TableResult submit(StreamExecutionEnvironment env, StreamJobOptions options) {
        configure(env, options);
        StreamTableEnvironment tEnv = tableEnvironment(env, options);
        WriterSchemasFactory registry =
                WriterSchemasFactory.registry(
                        options.schemaRegistryUrl(), options.schemaRegistryUserInfo());
        return build(env, tEnv, options, registry).execute();
    }
}

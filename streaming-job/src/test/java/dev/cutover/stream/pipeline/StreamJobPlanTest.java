package dev.cutover.stream.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.contract.stream.StreamJobOptions;
import dev.cutover.stream.config.OptionsLoader;
import dev.cutover.stream.functions.WriterSchemasFactory;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.junit.jupiter.api.Test;

/** The production job's plan, as the planner optimises it with the job's settings. */
class StreamJobPlanTest {
    private static final String[] OPTIONS = {
        "--bootstrap.servers", "k:9092",
        "--schema.registry.url", "http://registry.example.com:8081",
        "--jdbc.url", "jdbc:postgresql://db/app",
        "--jdbc.user", "app"
    };

    /**
     * The hourly aggregate runs in one phase: a local phase would ship MAX_RETRACT's map of value
     * to count per key and bundle through the shuffle (StreamJob.tableEnvironment).
     */
    @Test
    void theHourlyAggregateIsOnePhaseOverMiniBatches() {
        StreamJobOptions options = OptionsLoader.load(OPTIONS);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        StreamTableEnvironment tEnv = StreamJob.tableEnvironment(env, options);

        String plan =
                StreamJob.build(
                                env,
                                tEnv,
                                options,
                                WriterSchemasFactory.registry(
                                        options.schemaRegistryUrl(),
                                        options.schemaRegistryUserInfo()))
                        .explain();

        assertThat(plan)
                .contains("MiniBatchAssigner", "GroupAggregate(groupBy=[account_id, hour_start]")
                .doesNotContain("LocalGroupAggregate", "GlobalGroupAggregate");
    }
}

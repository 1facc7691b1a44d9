package dev.cutover.stream.pipeline;

import dev.cutover.contract.SqlResource;
import dev.cutover.contract.stream.StreamJobOptions;
import dev.cutover.stream.config.FlinkDurations;
import java.util.Map;
import org.apache.flink.table.api.TableEnvironment;

/** Declares the {@code *_sink} tables of {@code sql/jdbc_sinks.sql} for the job's database. */
public final class JdbcSinks {
    private JdbcSinks() {}

    public static void register(TableEnvironment tEnv, StreamJobOptions options) {
        Map<String, String> placeholders =
                Map.ofEntries(
                        Map.entry("JDBC_URL", withBatchRewrite(options.jdbcUrl())),
                        Map.entry("JDBC_USER", options.jdbcUser()),
                        Map.entry("JDBC_PASSWORD", options.jdbcPassword()),
                        Map.entry("SCHEMA", options.jdbcSchema()),
                        Map.entry("BATCH_SIZE", Integer.toString(options.sinkBatchSize())),
                        Map.entry("FLUSH_INTERVAL", FlinkDurations.of(options.sinkFlushInterval())),
                        Map.entry(
                                "HOURLY_BATCH_SIZE",
                                Integer.toString(options.sinkHourlyBatchSize())),
                        Map.entry(
                                "HOURLY_FLUSH_INTERVAL",
                                FlinkDurations.of(options.sinkHourlyFlushInterval())),
                        Map.entry("MAX_RETRIES", Integer.toString(options.sinkMaxRetries())),
                        Map.entry(
                                "SINK_PARALLELISM",
                                options.sinkParallelism() == 0
                                        ? ""
                                        : Integer.toString(options.sinkParallelism())));
        SqlResource.of("sql/jdbc_sinks.sql")
                .withStrings(placeholders)
                .statements()
                .forEach(tEnv::executeSql);
    }

    /**
     * Adds {@code reWriteBatchedInserts=true} (2–3× on batched upserts, STACK.md) unless the URL
     * sets it.
     */
    static String withBatchRewrite(String jdbcUrl) {
        if (jdbcUrl.contains("reWriteBatchedInserts")) {
            return jdbcUrl;
        }
        return jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
    }
}

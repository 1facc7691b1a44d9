package dev.cutover.batch.config;

import org.apache.spark.sql.SparkSession;

/** The Spark session the batch runs in, with the settings STACK.md measured for local mode. */
public final class SparkSessions {
    private SparkSessions() {}

    /**
     * A session for {@code master} ({@code local[2]} by default; a cluster URL under spark-submit,
     * where {@code master} is null and spark-submit's {@code --master} applies).
     */
    public static SparkSession create(String master, int shufflePartitions) {
        SparkSession.Builder builder =
                SparkSession.builder()
                        .appName("cutover-batch-baseline")
                        .config("spark.sql.session.timeZone", "UTC")
                        .config("spark.sql.shuffle.partitions", shufflePartitions)
                        .config("spark.ui.enabled", false)
                        .config("spark.sql.ansi.enabled", true);
        if (master != null) {
            builder.master(master);
            if (master.startsWith("local")) {
                builder.config("spark.driver.host", "127.0.0.1")
                        .config("spark.driver.bindAddress", "127.0.0.1");
            }
        }
        return builder.getOrCreate();
    }
}

package dev.cutover.batch;

import dev.cutover.batch.config.SparkSessions;
import org.apache.spark.sql.SparkSession;

/**
 * One local Spark session per test JVM (starting one costs several seconds); two shuffle partitions
 * for the tests' small data.
 */
public final class SharedSpark {
    private static SparkSession session;

    private SharedSpark() {}

    public static synchronized SparkSession get() {
        if (session == null) {
            session = SparkSessions.create("local[2]", 2);
            Runtime.getRuntime().addShutdownHook(new Thread(session::stop));
        }
        return session;
    }
}

package dev.cutover.contract;

import java.time.Duration;

/**
 * Defaults named once, so a flag, a YAML key, a job option and the code behind them cannot drift
 * apart. A {@code …_TEXT} twin is the same default as text, for option annotations (picocli's
 * {@code defaultValue} must be a constant).
 */
public final class Defaults {
    private Defaults() {}

    /** The card-transactions topic. */
    public static final String TOPIC = "card-transactions";

    /** The batch for hour H runs at {@code H + 1h + GRACE} and sees what reached Kafka by then. */
    public static final String GRACE_TEXT = "10m";

    public static final Duration GRACE = Durations.parse(GRACE_TEXT);

    /** The batch reads records stamped from {@code H − LOOKBACK} (late events of hour H). */
    public static final String LOOKBACK_TEXT = "6h";

    public static final Duration LOOKBACK = Durations.parse(LOOKBACK_TEXT);

    /** The Flink job's Kafka consumer group (offsets committed on checkpoints). */
    public static final String STREAM_GROUP = "cutover-stream";

    /** Parallelism of the Flink job Cutover starts. */
    public static final int PARALLELISM = 2;

    public static final String PARALLELISM_TEXT = "" + PARALLELISM;

    /** The Flink job's checkpoint interval. */
    public static final String CHECKPOINT_INTERVAL_TEXT = "10s";

    public static final Duration CHECKPOINT_INTERVAL = Durations.parse(CHECKPOINT_INTERVAL_TEXT);

    /** Partitions of the topic a parity run creates. */
    public static final int PARTITIONS = 4;

    public static final String PARTITIONS_TEXT = "" + PARTITIONS;

    /** Where the Flink job writes. */
    public static final String STREAM_SCHEMA = "stream";

    /** Where the Spark batch writes. */
    public static final String BATCH_SCHEMA = "batch";

    /** Where the ground truth goes. */
    public static final String TRUTH_SCHEMA = "truth";

    /** The Spark master of the bundled Spark. */
    public static final String SPARK_MASTER = "local[2]";

    /** Heap of the Flink JVM Cutover starts for a local run. */
    public static final String FLINK_HEAP = "2g";

    /** Heap of the Spark driver JVM Cutover starts. */
    public static final String SPARK_DRIVER_MEMORY = "2g";

    /** How long the stream may take to catch up with the truth at the end of a parity run. */
    public static final String CATCH_UP_TIMEOUT_TEXT = "5m";

    public static final Duration CATCH_UP_TIMEOUT = Durations.parse(CATCH_UP_TIMEOUT_TEXT);

    /** Interval of progress log lines when not on a terminal. */
    public static final String PROGRESS_INTERVAL_TEXT = "5s";
}

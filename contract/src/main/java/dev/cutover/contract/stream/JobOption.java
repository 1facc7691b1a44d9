package dev.cutover.contract.stream;

import dev.cutover.contract.Defaults;

/**
 * Every setting of the job: the same key on the command line ({@code --key value}), in a properties
 * file and in Managed Flink's property group {@value StreamJobOptions#PROPERTY_GROUP}. Kafka client
 * properties pass through with the prefix {@value StreamJobOptions#KAFKA_PREFIX}.
 */
public enum JobOption {
    BOOTSTRAP_SERVERS("bootstrap.servers", null, "Kafka bootstrap servers"),
    TOPIC("topic", Defaults.TOPIC, "the card-transactions topic"),
    GROUP_ID(
            "group.id",
            Defaults.STREAM_GROUP,
            "Kafka consumer group (offsets committed on checkpoints)"),
    STARTING_OFFSETS(
            "starting.offsets",
            "earliest",
            "earliest | latest | committed (committed offsets, else earliest)"),
    BOUNDED("bounded", "false", "stop at the end offsets the topic has when the job starts"),
    SCHEMA_REGISTRY_URL(
            "schema.registry.url", null, "base URL of the Confluent schema registry API"),
    SCHEMA_REGISTRY_USER_INFO(
            "schema.registry.user-info", "", "user:password for a registry with basic auth", true),
    JDBC_URL("jdbc.url", null, "PostgreSQL / Aurora PostgreSQL JDBC URL"),
    JDBC_USER("jdbc.user", null, "database user"),
    JDBC_PASSWORD("jdbc.password", "", "database password", true),
    JDBC_SCHEMA("jdbc.schema", Defaults.STREAM_SCHEMA, "schema holding the output tables"),
    SINK_BATCH_SIZE("sink.batch-size", "5000", "rows per JDBC batch (connector default 100)"),
    SINK_FLUSH_INTERVAL("sink.flush-interval", "100ms", "longest a row waits in the JDBC buffer"),
    SINK_HOURLY_BATCH_SIZE(
            "sink.hourly.batch-size",
            "50000",
            "account_hourly_spend: changes buffered (the last row per key is kept) before a flush"),
    SINK_HOURLY_FLUSH_INTERVAL(
            "sink.hourly.flush-interval",
            "2s",
            "account_hourly_spend: longest a changed hourly row waits before it is written"),
    SINK_MAX_RETRIES("sink.max-retries", "3", "JDBC retries of a failed batch"),
    SINK_PARALLELISM(
            "sink.parallelism",
            "0",
            "parallelism of the JDBC sinks (0: the job's, chained to the transform)"),
    PARALLELISM("parallelism", "0", "job parallelism (0: the cluster's default)"),
    CHECKPOINT_INTERVAL(
            "checkpoint.interval",
            Defaults.CHECKPOINT_INTERVAL_TEXT,
            "exactly-once checkpoint interval"),
    CHECKPOINT_DIR(
            "checkpoint.dir",
            "",
            "checkpoint storage URI, e.g. file:///var/flink/checkpoints or s3://bucket/path"
                    + " (empty: the cluster's setting; a local run uses a temporary folder)"),
    RESTART_ATTEMPTS(
            "restart.attempts", "10", "restarts from the last checkpoint before the job fails"),
    RESTART_DELAY("restart.delay", "2s", "wait before a restart"),
    MAX_OUT_OF_ORDERNESS(
            "watermark.max-out-of-orderness", "5s", "bounded out-of-orderness of event time"),
    IDLE_TIMEOUT(
            "source.idle-timeout", "30s", "an idle partition stops holding back the watermark"),
    STATE_TTL(
            "state.ttl",
            "0",
            "state TTL of dedup and hourly state (0: keep forever; a duplicate after the TTL is"
                    + " written again)"),
    MINI_BATCH_LATENCY(
            "mini-batch.latency", "500ms", "mini-batch buffering of the aggregation (0: off)"),
    TEST_DEFECT(
            "test.defect",
            "",
            "TEST ONLY: inject a known defect to prove the parity gate catches it"
                    + " (fx-round-down: to_usd rounds DOWN instead of HALF_EVEN); never set it in"
                    + " production");

    private final String key;
    private final String defaultValue;
    private final String description;
    private final boolean secret;

    JobOption(String key, String defaultValue, String description) {
        this(key, defaultValue, description, false);
    }

    JobOption(String key, String defaultValue, String description, boolean secret) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.description = description;
        this.secret = secret;
    }

    public String key() {
        return key;
    }

    /** {@code null} when the option is required. */
    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    public boolean secret() {
        return secret;
    }

    public static JobOption byKey(String key) {
        for (JobOption option : values()) {
            if (option.key.equals(key)) {
                return option;
            }
        }
        return null;
    }
}

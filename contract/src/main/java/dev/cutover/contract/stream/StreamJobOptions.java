package dev.cutover.contract.stream;

import dev.cutover.contract.Durations;
import dev.cutover.contract.Redact;
import dev.cutover.contract.SecretKeys;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The Flink job's settings, validated: what {@code cutover} launches the job with and what the job
 * reads (the job's {@code OptionsLoader} gathers them from flags, a properties file and Managed
 * Flink's {@code application_properties.json}; the same keys everywhere: {@link JobOption}). {@link
 * #from} parses and {@link #toValues()} formats, so the two cannot drift apart. {@link #toString()}
 * never shows a secret.
 */
public record StreamJobOptions(
        String bootstrapServers,
        String topic,
        String groupId,
        StartingOffsets startingOffsets,
        boolean bounded,
        String schemaRegistryUrl,
        String schemaRegistryUserInfo,
        String jdbcUrl,
        String jdbcUser,
        String jdbcPassword,
        String jdbcSchema,
        int sinkBatchSize,
        Duration sinkFlushInterval,
        int sinkHourlyBatchSize,
        Duration sinkHourlyFlushInterval,
        int sinkMaxRetries,
        int sinkParallelism,
        int parallelism,
        Duration checkpointInterval,
        String checkpointDir,
        int restartAttempts,
        Duration restartDelay,
        Duration maxOutOfOrderness,
        Duration idleTimeout,
        Duration stateTtl,
        Duration miniBatchLatency,
        TestDefect testDefect,
        Map<String, String> kafkaProperties) {

    /** The property group Managed Flink passes the settings in. */
    public static final String PROPERTY_GROUP = "CutoverStream";

    /** Keys with this prefix are Kafka client properties (TLS with inline PEM, SASL, ...). */
    public static final String KAFKA_PREFIX = "kafka.";

    public enum StartingOffsets {
        EARLIEST,
        LATEST,
        COMMITTED
    }

    public StreamJobOptions {
        kafkaProperties = Map.copyOf(kafkaProperties);
    }

    /** The same options with another checkpoint storage URI. */
    public StreamJobOptions withCheckpointDir(String dir) {
        return new StreamJobOptions(
                bootstrapServers,
                topic,
                groupId,
                startingOffsets,
                bounded,
                schemaRegistryUrl,
                schemaRegistryUserInfo,
                jdbcUrl,
                jdbcUser,
                jdbcPassword,
                jdbcSchema,
                sinkBatchSize,
                sinkFlushInterval,
                sinkHourlyBatchSize,
                sinkHourlyFlushInterval,
                sinkMaxRetries,
                sinkParallelism,
                parallelism,
                checkpointInterval,
                dir,
                restartAttempts,
                restartDelay,
                maxOutOfOrderness,
                idleTimeout,
                stateTtl,
                miniBatchLatency,
                testDefect,
                kafkaProperties);
    }

    /**
     * Validates and types {@code values} (key → value); {@code origin} says where each key came
     * from, for messages.
     *
     * @throws OptionsException naming the first missing or bad key
     */
    public static StreamJobOptions from(Map<String, String> values, Map<String, String> origin) {
        Map<String, String> kafka = new TreeMap<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (e.getKey().startsWith(KAFKA_PREFIX)) {
                kafka.put(e.getKey().substring(KAFKA_PREFIX.length()), e.getValue());
            } else if (JobOption.byKey(e.getKey()) == null) {
                throw new OptionsException(
                        "unknown option '"
                                + e.getKey()
                                + "' ("
                                + origin.getOrDefault(e.getKey(), "given")
                                + "); known: "
                                + String.join(", ", keys())
                                + " and kafka.* client properties");
            }
        }
        Reader r = new Reader(values, origin);
        return new StreamJobOptions(
                r.required(JobOption.BOOTSTRAP_SERVERS),
                r.required(JobOption.TOPIC),
                r.required(JobOption.GROUP_ID),
                r.choice(JobOption.STARTING_OFFSETS, StartingOffsets.class),
                r.bool(JobOption.BOUNDED),
                r.url(JobOption.SCHEMA_REGISTRY_URL, "http://", "https://"),
                r.string(JobOption.SCHEMA_REGISTRY_USER_INFO),
                r.url(JobOption.JDBC_URL, "jdbc:postgresql:"),
                r.required(JobOption.JDBC_USER),
                r.string(JobOption.JDBC_PASSWORD),
                r.identifier(JobOption.JDBC_SCHEMA),
                r.integer(JobOption.SINK_BATCH_SIZE, 1),
                r.duration(JobOption.SINK_FLUSH_INTERVAL),
                r.integer(JobOption.SINK_HOURLY_BATCH_SIZE, 1),
                r.duration(JobOption.SINK_HOURLY_FLUSH_INTERVAL),
                r.integer(JobOption.SINK_MAX_RETRIES, 0),
                r.integer(JobOption.SINK_PARALLELISM, 0),
                r.integer(JobOption.PARALLELISM, 0),
                r.positiveDuration(JobOption.CHECKPOINT_INTERVAL),
                r.string(JobOption.CHECKPOINT_DIR),
                r.integer(JobOption.RESTART_ATTEMPTS, 0),
                r.duration(JobOption.RESTART_DELAY),
                r.duration(JobOption.MAX_OUT_OF_ORDERNESS),
                r.duration(JobOption.IDLE_TIMEOUT),
                r.duration(JobOption.STATE_TTL),
                r.duration(JobOption.MINI_BATCH_LATENCY),
                r.testDefect(JobOption.TEST_DEFECT),
                kafka);
    }

    /**
     * The options as {@link #from} reads them back: every key of {@link JobOption} (durations in
     * the one syntax of {@link Durations}) and the Kafka client properties with their prefix,
     * secrets included.
     */
    public Map<String, String> toValues() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put(JobOption.BOOTSTRAP_SERVERS.key(), bootstrapServers);
        v.put(JobOption.TOPIC.key(), topic);
        v.put(JobOption.GROUP_ID.key(), groupId);
        v.put(JobOption.STARTING_OFFSETS.key(), startingOffsets.name().toLowerCase(Locale.ROOT));
        v.put(JobOption.BOUNDED.key(), Boolean.toString(bounded));
        v.put(JobOption.SCHEMA_REGISTRY_URL.key(), schemaRegistryUrl);
        v.put(JobOption.SCHEMA_REGISTRY_USER_INFO.key(), schemaRegistryUserInfo);
        v.put(JobOption.JDBC_URL.key(), jdbcUrl);
        v.put(JobOption.JDBC_USER.key(), jdbcUser);
        v.put(JobOption.JDBC_PASSWORD.key(), jdbcPassword);
        v.put(JobOption.JDBC_SCHEMA.key(), jdbcSchema);
        v.put(JobOption.SINK_BATCH_SIZE.key(), Integer.toString(sinkBatchSize));
        v.put(JobOption.SINK_FLUSH_INTERVAL.key(), Durations.format(sinkFlushInterval));
        v.put(JobOption.SINK_HOURLY_BATCH_SIZE.key(), Integer.toString(sinkHourlyBatchSize));
        v.put(
                JobOption.SINK_HOURLY_FLUSH_INTERVAL.key(),
                Durations.format(sinkHourlyFlushInterval));
        v.put(JobOption.SINK_MAX_RETRIES.key(), Integer.toString(sinkMaxRetries));
        v.put(JobOption.SINK_PARALLELISM.key(), Integer.toString(sinkParallelism));
        v.put(JobOption.PARALLELISM.key(), Integer.toString(parallelism));
        v.put(JobOption.CHECKPOINT_INTERVAL.key(), Durations.format(checkpointInterval));
        v.put(JobOption.CHECKPOINT_DIR.key(), checkpointDir);
        v.put(JobOption.RESTART_ATTEMPTS.key(), Integer.toString(restartAttempts));
        v.put(JobOption.RESTART_DELAY.key(), Durations.format(restartDelay));
        v.put(JobOption.MAX_OUT_OF_ORDERNESS.key(), Durations.format(maxOutOfOrderness));
        v.put(JobOption.IDLE_TIMEOUT.key(), Durations.format(idleTimeout));
        v.put(JobOption.STATE_TTL.key(), Durations.format(stateTtl));
        v.put(JobOption.MINI_BATCH_LATENCY.key(), Durations.format(miniBatchLatency));
        v.put(JobOption.TEST_DEFECT.key(), testDefect.optionValue());
        kafkaProperties.forEach((k, value) -> v.put(KAFKA_PREFIX + k, value));
        return v;
    }

    /**
     * {@link #toValues()} without its secrets (passwords, registry credentials, secret Kafka
     * properties): what may be sent where others can read it, e.g. a Flink cluster's REST API,
     * whose web UI shows a job's configuration. The job then reads the secrets from its environment
     * ({@code JDBC_PASSWORD}, {@code SCHEMA_REGISTRY_USER_INFO}).
     */
    public Map<String, String> toValuesWithoutSecrets() {
        Map<String, String> values = toValues();
        values.keySet().removeIf(SecretKeys::isSecret);
        return values;
    }

    /** Kafka client properties given with the {@value #KAFKA_PREFIX} prefix. */
    public Properties kafkaClientProperties() {
        Properties properties = new Properties();
        properties.putAll(kafkaProperties);
        return properties;
    }

    private static java.util.List<String> keys() {
        return java.util.Arrays.stream(JobOption.values()).map(JobOption::key).toList();
    }

    @Override
    public String toString() {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put(JobOption.BOOTSTRAP_SERVERS.key(), bootstrapServers);
        shown.put(JobOption.TOPIC.key(), topic);
        shown.put(JobOption.GROUP_ID.key(), groupId);
        shown.put(JobOption.STARTING_OFFSETS.key(), startingOffsets);
        shown.put(JobOption.BOUNDED.key(), bounded);
        shown.put(JobOption.SCHEMA_REGISTRY_URL.key(), schemaRegistryUrl);
        shown.put(
                JobOption.SCHEMA_REGISTRY_USER_INFO.key(),
                schemaRegistryUserInfo.isEmpty() ? "" : "***");
        shown.put(JobOption.JDBC_URL.key(), Redact.jdbcUrl(jdbcUrl));
        shown.put(JobOption.JDBC_USER.key(), jdbcUser);
        shown.put(JobOption.JDBC_PASSWORD.key(), jdbcPassword.isEmpty() ? "" : "***");
        shown.put(JobOption.JDBC_SCHEMA.key(), jdbcSchema);
        shown.put(JobOption.SINK_BATCH_SIZE.key(), sinkBatchSize);
        shown.put(JobOption.SINK_FLUSH_INTERVAL.key(), sinkFlushInterval);
        shown.put(JobOption.SINK_HOURLY_BATCH_SIZE.key(), sinkHourlyBatchSize);
        shown.put(JobOption.SINK_HOURLY_FLUSH_INTERVAL.key(), sinkHourlyFlushInterval);
        shown.put(JobOption.SINK_PARALLELISM.key(), sinkParallelism);
        shown.put(JobOption.PARALLELISM.key(), parallelism);
        shown.put(JobOption.CHECKPOINT_INTERVAL.key(), checkpointInterval);
        shown.put(JobOption.CHECKPOINT_DIR.key(), checkpointDir);
        shown.put(JobOption.RESTART_ATTEMPTS.key(), restartAttempts);
        shown.put(JobOption.MAX_OUT_OF_ORDERNESS.key(), maxOutOfOrderness);
        shown.put(JobOption.IDLE_TIMEOUT.key(), idleTimeout);
        shown.put(JobOption.STATE_TTL.key(), stateTtl);
        shown.put(JobOption.MINI_BATCH_LATENCY.key(), miniBatchLatency);
        if (testDefect != TestDefect.NONE) {
            shown.put(JobOption.TEST_DEFECT.key(), testDefect.optionValue());
        }
        kafkaProperties.forEach(
                (k, v) -> shown.put(KAFKA_PREFIX + k, SecretKeys.isSecret(k) ? "***" : v));
        return "StreamJobOptions" + shown;
    }

    /** Reads typed values, naming the key and its source in every error. */
    private record Reader(Map<String, String> values, Map<String, String> origin) {

        String raw(JobOption option) {
            String value = values.get(option.key());
            return value == null ? option.defaultValue() : value.strip();
        }

        String where(JobOption option) {
            return origin.getOrDefault(option.key(), "default");
        }

        OptionsException bad(JobOption option, String why) {
            String shown = option.secret() ? "***" : raw(option);
            return new OptionsException(
                    "bad value '"
                            + shown
                            + "' for option '"
                            + option.key()
                            + "' ("
                            + where(option)
                            + "): "
                            + why);
        }

        String string(JobOption option) {
            String value = raw(option);
            return value == null ? "" : value;
        }

        String required(JobOption option) {
            String value = raw(option);
            if (value == null || value.isEmpty()) {
                throw new OptionsException(
                        "missing option '"
                                + option.key()
                                + "' ("
                                + option.description()
                                + "): pass --"
                                + option.key()
                                + ", set it in the properties file or in property group "
                                + PROPERTY_GROUP);
            }
            return value;
        }

        String url(JobOption option, String... prefixes) {
            String value = required(option);
            for (String prefix : prefixes) {
                if (value.toLowerCase(Locale.ROOT).startsWith(prefix)) {
                    return value;
                }
            }
            throw bad(option, "expected a URL starting with " + String.join(" or ", prefixes));
        }

        String identifier(JobOption option) {
            String value = required(option);
            if (!value.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw bad(option, "expected a schema name (letters, digits, _)");
            }
            return value;
        }

        boolean bool(JobOption option) {
            String value = required(option).toLowerCase(Locale.ROOT);
            if (!value.equals("true") && !value.equals("false")) {
                throw bad(option, "expected true or false");
            }
            return Boolean.parseBoolean(value);
        }

        int integer(JobOption option, int min) {
            try {
                int value = Integer.parseInt(required(option));
                if (value < min) {
                    throw bad(option, "must be at least " + min);
                }
                return value;
            } catch (NumberFormatException e) {
                throw bad(option, "expected a whole number");
            }
        }

        Duration duration(JobOption option) {
            try {
                return Durations.parse(required(option));
            } catch (IllegalArgumentException e) {
                throw bad(option, e.getMessage());
            }
        }

        TestDefect testDefect(JobOption option) {
            try {
                return TestDefect.parse(string(option));
            } catch (IllegalArgumentException e) {
                throw bad(option, e.getMessage());
            }
        }

        Duration positiveDuration(JobOption option) {
            Duration value = duration(option);
            if (value.isZero()) {
                throw bad(option, "must be more than 0");
            }
            return value;
        }

        <E extends Enum<E>> E choice(JobOption option, Class<E> type) {
            String value = required(option);
            try {
                return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw bad(
                        option,
                        "expected one of "
                                + java.util.Arrays.toString(type.getEnumConstants())
                                        .toLowerCase(Locale.ROOT));
            }
        }
    }
}

package dev.cutover.contract.batch;

import dev.cutover.contract.Defaults;
import dev.cutover.contract.Durations;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The Spark batch's command line (what {@code cutover batch} and {@code spark-submit} pass to its
 * main class), parsed by {@link #parse} and formatted by {@link #toArgs()} in this one class, with
 * the same environment fallbacks as every {@code cutover} command:
 *
 * <pre>
 * --hour H | --from H1 --to H2   whole UTC hours, YYYY-MM-DDTHH:00Z; [H1, H2) one after the other
 * --bootstrap-servers S (KAFKA_BOOTSTRAP_SERVERS)  --kafka-config FILE  --topic T
 * --schema-registry URL (SCHEMA_REGISTRY_URL; credentials from SCHEMA_REGISTRY_USER_INFO)
 * --jdbc-url URL (JDBC_URL)  --jdbc-user U (JDBC_USER)  --jdbc-password-file F (else JDBC_PASSWORD)
 * --output-schema batch  --grace 10m  --lookback 6h  --resolve-offsets  --master local[2]
 * --shuffle-partitions 4  --min-partitions 0
 * </pre>
 *
 * Secrets never appear here: Kafka client properties (TLS, SASL) and the password travel as files
 * only their owner can read, or in the environment.
 *
 * @param bootstrapServers empty when {@code kafkaConfig} names them
 * @param kafkaConfig a properties file of Kafka client properties
 * @param resolveOffsets resolve the hour's offsets anew (else reuse those of its latest run)
 * @param master the Spark master, or empty for spark-submit's own
 */
public record BatchJobArguments(
        HourRange hours,
        Optional<String> bootstrapServers,
        Optional<Path> kafkaConfig,
        String topic,
        String schemaRegistryUrl,
        String jdbcUrl,
        Optional<String> jdbcUser,
        Optional<Path> jdbcPasswordFile,
        String outputSchema,
        Duration grace,
        Duration lookback,
        boolean resolveOffsets,
        Optional<String> master,
        int shufflePartitions,
        int minPartitions) {

    public static final int DEFAULT_SHUFFLE_PARTITIONS = 4;

    public BatchJobArguments {
        if (bootstrapServers.isEmpty() && kafkaConfig.isEmpty()) {
            throw new IllegalArgumentException(
                    "Kafka is not named: give --bootstrap-servers or KAFKA_BOOTSTRAP_SERVERS");
        }
        if (!outputSchema.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException(
                    "--output-schema: not a plain schema name: " + outputSchema);
        }
        if (grace.isNegative() || lookback.isNegative()) {
            throw new IllegalArgumentException("--grace and --lookback must not be negative");
        }
        if (shufflePartitions < 1 || minPartitions < 0) {
            throw new IllegalArgumentException(
                    "--shuffle-partitions must be at least 1 and --min-partitions at least 0");
        }
    }

    /**
     * The arguments for {@code hours} of {@code topic} into {@code outputSchema}, against these
     * services, every other value its default.
     */
    public static BatchJobArguments of(
            HourRange hours,
            String bootstrapServers,
            String topic,
            String schemaRegistryUrl,
            String jdbcUrl,
            String jdbcUser,
            String outputSchema) {
        return new BatchJobArguments(
                hours,
                Optional.of(bootstrapServers),
                Optional.empty(),
                topic,
                schemaRegistryUrl,
                jdbcUrl,
                Optional.ofNullable(jdbcUser),
                Optional.empty(),
                outputSchema,
                Defaults.GRACE,
                Defaults.LOOKBACK,
                false,
                Optional.empty(),
                DEFAULT_SHUFFLE_PARTITIONS,
                0);
    }

    /**
     * @throws IllegalArgumentException naming the argument that is missing or bad
     */
    public static BatchJobArguments parse(String[] args, Map<String, String> env) {
        Map<String, String> values = new HashMap<>();
        boolean resolveOffsets = false;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--resolve-offsets")) {
                resolveOffsets = true;
                continue;
            }
            if (!name.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + name);
            }
            String value;
            int equals = name.indexOf('=');
            if (equals > 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException(name + " needs a value");
            }
            values.put(name.substring(2), value);
        }
        Optional<Path> kafkaConfig = Optional.ofNullable(values.get("kafka-config")).map(Path::of);
        Optional<String> bootstrap =
                value(values, env, "bootstrap-servers", "KAFKA_BOOTSTRAP_SERVERS")
                        .or(
                                () ->
                                        kafkaConfig.flatMap(
                                                f ->
                                                        Optional.ofNullable(
                                                                readProperties(f)
                                                                        .getProperty(
                                                                                "bootstrap.servers"))));
        return new BatchJobArguments(
                hours(values),
                bootstrap,
                kafkaConfig,
                values.getOrDefault("topic", Defaults.TOPIC),
                require(values, env, "schema-registry", "SCHEMA_REGISTRY_URL"),
                require(values, env, "jdbc-url", "JDBC_URL"),
                value(values, env, "jdbc-user", "JDBC_USER"),
                Optional.ofNullable(values.get("jdbc-password-file")).map(Path::of),
                values.getOrDefault("output-schema", Defaults.BATCH_SCHEMA),
                duration(values, "grace", Defaults.GRACE),
                duration(values, "lookback", Defaults.LOOKBACK),
                resolveOffsets,
                Optional.ofNullable(values.get("master")),
                integer(values, "shuffle-partitions", DEFAULT_SHUFFLE_PARTITIONS),
                integer(values, "min-partitions", 0));
    }

    /** The command line {@link #parse} reads back into these arguments. */
    public List<String> toArgs() {
        List<String> args = new ArrayList<>();
        if (hours.single()) {
            args.addAll(List.of("--hour", hours.from().toString()));
        } else {
            args.addAll(List.of("--from", hours.from().toString(), "--to", hours.to().toString()));
        }
        bootstrapServers.ifPresent(s -> args.addAll(List.of("--bootstrap-servers", s)));
        kafkaConfig.ifPresent(f -> args.addAll(List.of("--kafka-config", f.toString())));
        args.addAll(List.of("--topic", topic, "--schema-registry", schemaRegistryUrl));
        args.addAll(List.of("--jdbc-url", jdbcUrl));
        jdbcUser.ifPresent(u -> args.addAll(List.of("--jdbc-user", u)));
        jdbcPasswordFile.ifPresent(f -> args.addAll(List.of("--jdbc-password-file", f.toString())));
        args.addAll(
                List.of(
                        "--output-schema",
                        outputSchema,
                        "--grace",
                        Durations.format(grace),
                        "--lookback",
                        Durations.format(lookback)));
        if (resolveOffsets) {
            args.add("--resolve-offsets");
        }
        master.ifPresent(m -> args.addAll(List.of("--master", m)));
        args.addAll(
                List.of(
                        "--shuffle-partitions",
                        Integer.toString(shufflePartitions),
                        "--min-partitions",
                        Integer.toString(minPartitions)));
        return args;
    }

    /** The Kafka client properties of {@code file} ({@code --kafka-config}). */
    public static Properties readProperties(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "cannot read --kafka-config " + file + ": " + e.getMessage());
        }
        return properties;
    }

    private static HourRange hours(Map<String, String> values) {
        String hour = values.get("hour");
        String from = values.get("from");
        String to = values.get("to");
        if (hour != null && (from != null || to != null)) {
            throw new IllegalArgumentException("give --hour or --from/--to, not both");
        }
        if (hour != null) {
            return HourRange.of(HourRange.parseHour("--hour", hour));
        }
        if (from == null || to == null) {
            throw new IllegalArgumentException("give --hour H, or --from H1 --to H2");
        }
        var first = HourRange.parseHour("--from", from);
        var end = HourRange.parseHour("--to", to);
        if (!first.isBefore(end)) {
            throw new IllegalArgumentException(
                    "--to must be after --from (the range is [from, to))");
        }
        return new HourRange(first, end);
    }

    private static Duration duration(Map<String, String> values, String name, Duration fallback) {
        String text = values.get(name);
        if (text == null) {
            return fallback;
        }
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--" + name + ": " + e.getMessage());
        }
    }

    private static int integer(Map<String, String> values, String name, int fallback) {
        String text = values.get(name);
        try {
            return text == null ? fallback : Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " " + text + " is not a number");
        }
    }

    private static Optional<String> value(
            Map<String, String> values, Map<String, String> env, String option, String variable) {
        String value = values.get(option);
        if (value == null || value.isBlank()) {
            value = env.get(variable);
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    private static String require(
            Map<String, String> values, Map<String, String> env, String option, String variable) {
        return value(values, env, option, variable)
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        "missing --" + option + " (or " + variable + ")"));
    }
}

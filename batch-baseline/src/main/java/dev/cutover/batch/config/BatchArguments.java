package dev.cutover.batch.config;

import dev.cutover.batch.io.JdbcTarget;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The command line of {@link dev.cutover.batch.BatchMain} (what {@code cutover batch} and
 * spark-submit pass), with the same environment fallbacks as every {@code cutover} command.
 *
 * <pre>
 * --hour YYYY-MM-DDTHH:00Z | --from H1 --to H2 (hours [H1, H2), one after the other)
 * --bootstrap-servers S (KAFKA_BOOTSTRAP_SERVERS)  --kafka-config FILE  --topic T
 * --schema-registry URL (SCHEMA_REGISTRY_URL; SCHEMA_REGISTRY_USER_INFO)
 * --jdbc-url URL (JDBC_URL) --jdbc-user U (JDBC_USER) --jdbc-password-file F (JDBC_PASSWORD)
 * --output-schema batch  --grace 10m  --lookback 6h  --resolve-offsets  --master local[2]
 * --shuffle-partitions 4  --min-partitions 0
 * </pre>
 */
public record BatchArguments(
        List<Instant> hours, BatchOptions options, String master, int shufflePartitions) {

    public static final String DEFAULT_MASTER = "local[2]";

    /** A bad argument: the message says which and why. */
    public static final class BadArgument extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        public BadArgument(String message) {
            super(message);
        }
    }

    public static BatchArguments parse(String[] args, Map<String, String> env) {
        Map<String, String> values = new HashMap<>();
        boolean resolveOffsets = false;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--resolve-offsets")) {
                resolveOffsets = true;
                continue;
            }
            if (!name.startsWith("--")) {
                throw new BadArgument("unexpected argument " + name);
            }
            String value;
            int equals = name.indexOf('=');
            if (equals > 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new BadArgument(name + " needs a value");
            }
            values.put(name.substring(2), value);
        }
        List<Instant> hours = hours(values);
        Map<String, String> kafka = new HashMap<>();
        String kafkaConfig = values.get("kafka-config");
        if (kafkaConfig != null) {
            kafka.putAll(readProperties(Path.of(kafkaConfig)));
        }
        String bootstrap = value(values, env, "bootstrap-servers", "KAFKA_BOOTSTRAP_SERVERS");
        if (bootstrap != null) {
            kafka.put("bootstrap.servers", bootstrap);
        }
        if (!kafka.containsKey("bootstrap.servers")) {
            throw new BadArgument(
                    "Kafka is not named: give --bootstrap-servers or KAFKA_BOOTSTRAP_SERVERS");
        }
        String registry = require(values, env, "schema-registry", "SCHEMA_REGISTRY_URL");
        String jdbcUrl = require(values, env, "jdbc-url", "JDBC_URL");
        String user = value(values, env, "jdbc-user", "JDBC_USER");
        String password = env.get("JDBC_PASSWORD");
        String passwordFile = values.get("jdbc-password-file");
        if (passwordFile != null) {
            try {
                password = Files.readString(Path.of(passwordFile)).strip();
            } catch (IOException e) {
                throw new BadArgument("cannot read --jdbc-password-file " + passwordFile);
            }
        }
        JdbcTarget target;
        try {
            target =
                    new JdbcTarget(
                            jdbcUrl, user, password, values.getOrDefault("output-schema", "batch"));
        } catch (IllegalArgumentException e) {
            throw new BadArgument("--output-schema: " + e.getMessage());
        }
        BatchOptions options =
                new BatchOptions(
                        kafka,
                        values.getOrDefault("topic", "card-transactions"),
                        registry,
                        env.get("SCHEMA_REGISTRY_USER_INFO"),
                        target,
                        duration(values, "grace", Duration.ofMinutes(10)),
                        duration(values, "lookback", Duration.ofHours(6)),
                        !resolveOffsets,
                        integer(values, "min-partitions", 0));
        return new BatchArguments(
                hours,
                options,
                values.getOrDefault("master", null),
                integer(values, "shuffle-partitions", 4));
    }

    private static List<Instant> hours(Map<String, String> values) {
        String hour = values.get("hour");
        String from = values.get("from");
        String to = values.get("to");
        if (hour != null && (from != null || to != null)) {
            throw new BadArgument("give --hour or --from/--to, not both");
        }
        if (hour != null) {
            return List.of(hourStart("--hour", hour));
        }
        if (from == null || to == null) {
            throw new BadArgument("give --hour H, or --from H1 --to H2");
        }
        Instant first = hourStart("--from", from);
        Instant end = hourStart("--to", to);
        if (!first.isBefore(end)) {
            throw new BadArgument("--to must be after --from (the range is [from, to))");
        }
        List<Instant> hours = new ArrayList<>();
        for (Instant h = first; h.isBefore(end); h = h.plus(1, ChronoUnit.HOURS)) {
            hours.add(h);
        }
        return hours;
    }

    /** {@code YYYY-MM-DDTHH:00Z} or {@code YYYY-MM-DDTHH:00:00Z}: the start of an hour. */
    static Instant hourStart(String option, String text) {
        Instant instant;
        try {
            instant = java.time.OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadArgument(option + " " + text + " is not an hour like YYYY-MM-DDTHH:00Z");
        }
        if (!instant.truncatedTo(ChronoUnit.HOURS).equals(instant)) {
            throw new BadArgument(option + " " + text + " is not the start of an hour");
        }
        return instant;
    }

    /** {@code 10m}, {@code 6h}, {@code 30s} or ISO-8601 {@code PT10M}. */
    static Duration parseDuration(String option, String text) {
        try {
            if (text.matches("\\d+[smh]")) {
                long amount = Long.parseLong(text.substring(0, text.length() - 1));
                return switch (text.charAt(text.length() - 1)) {
                    case 's' -> Duration.ofSeconds(amount);
                    case 'm' -> Duration.ofMinutes(amount);
                    default -> Duration.ofHours(amount);
                };
            }
            Duration duration = Duration.parse(text);
            if (duration.isNegative()) {
                throw new BadArgument(option + " must not be negative");
            }
            return duration;
        } catch (DateTimeParseException e) {
            throw new BadArgument(option + " " + text + " is not a duration like 10m or PT10M");
        }
    }

    private static Duration duration(Map<String, String> values, String name, Duration fallback) {
        String text = values.get(name);
        return text == null ? fallback : parseDuration("--" + name, text);
    }

    private static int integer(Map<String, String> values, String name, int fallback) {
        String text = values.get(name);
        try {
            return text == null ? fallback : Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new BadArgument("--" + name + " " + text + " is not a number");
        }
    }

    private static String value(
            Map<String, String> values, Map<String, String> env, String option, String variable) {
        String value = values.get(option);
        if (value == null || value.isBlank()) {
            value = env.get(variable);
        }
        return value == null || value.isBlank() ? null : value;
    }

    private static String require(
            Map<String, String> values, Map<String, String> env, String option, String variable) {
        String value = value(values, env, option, variable);
        if (value == null) {
            throw new BadArgument("missing --" + option + " (or " + variable + ")");
        }
        return value;
    }

    private static Map<String, String> readProperties(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new BadArgument("cannot read --kafka-config " + file + ": " + e.getMessage());
        }
        Map<String, String> map = new HashMap<>();
        properties.stringPropertyNames().forEach(key -> map.put(key, properties.getProperty(key)));
        return map;
    }
}

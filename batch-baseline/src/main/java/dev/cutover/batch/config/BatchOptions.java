package dev.cutover.batch.config;

import dev.cutover.batch.io.JdbcTarget;
import dev.cutover.contract.batch.BatchJobArguments;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Everything one batch run needs besides the hour.
 *
 * @param kafkaProperties Kafka client properties, at least {@code bootstrap.servers}
 * @param topic the card-transactions topic
 * @param schemaRegistryUrl base URL of the Confluent API
 * @param registryUserInfo {@code user:password} for the registry, or null
 * @param target the database and output schema
 * @param grace the cutoff is {@code H + 1h + grace}
 * @param lookback the read starts at {@code H − lookback} (by record timestamp)
 * @param reuseOffsets a rerun of an hour reads the offsets of its latest run (else resolves anew)
 * @param minPartitions at least this many Spark partitions for the Kafka read
 */
public record BatchOptions(
        Map<String, String> kafkaProperties,
        String topic,
        String schemaRegistryUrl,
        String registryUserInfo,
        JdbcTarget target,
        Duration grace,
        Duration lookback,
        boolean reuseOffsets,
        int minPartitions) {

    public BatchOptions {
        kafkaProperties = Map.copyOf(kafkaProperties);
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(schemaRegistryUrl, "schemaRegistryUrl");
        Objects.requireNonNull(target, "target");
        if (!kafkaProperties.containsKey("bootstrap.servers")) {
            throw new IllegalArgumentException("Kafka bootstrap servers are not set");
        }
    }

    /**
     * The options of {@code arguments}, secrets read: Kafka client properties from {@code
     * --kafka-config}, the password from {@code --jdbc-password-file} or {@code JDBC_PASSWORD}, the
     * registry's credentials from {@code SCHEMA_REGISTRY_USER_INFO}.
     *
     * @throws IllegalArgumentException when a file cannot be read or a value is bad
     */
    public static BatchOptions resolve(BatchJobArguments arguments, Map<String, String> env) {
        Map<String, String> kafka = new HashMap<>();
        arguments
                .kafkaConfig()
                .ifPresent(
                        file -> {
                            Properties p = BatchJobArguments.readProperties(file);
                            p.stringPropertyNames().forEach(k -> kafka.put(k, p.getProperty(k)));
                        });
        arguments.bootstrapServers().ifPresent(s -> kafka.put("bootstrap.servers", s));
        String password = env.get("JDBC_PASSWORD");
        if (arguments.jdbcPasswordFile().isPresent()) {
            Path file = arguments.jdbcPasswordFile().get();
            try {
                password = Files.readString(file).strip();
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read --jdbc-password-file " + file);
            }
        }
        return new BatchOptions(
                kafka,
                arguments.topic(),
                arguments.schemaRegistryUrl(),
                env.get("SCHEMA_REGISTRY_USER_INFO"),
                new JdbcTarget(
                        arguments.jdbcUrl(),
                        arguments.jdbcUser().orElse(null),
                        password,
                        arguments.outputSchema()),
                arguments.grace(),
                arguments.lookback(),
                !arguments.resolveOffsets(),
                arguments.minPartitions());
    }

    @Override
    public String toString() {
        return "BatchOptions[bootstrap.servers="
                + kafkaProperties.get("bootstrap.servers")
                + ", topic="
                + topic
                + ", schemaRegistry="
                + schemaRegistryUrl
                + ", target="
                + target
                + ", grace="
                + grace
                + ", lookback="
                + lookback
                + ", reuseOffsets="
                + reuseOffsets
                + "]";
    }
}

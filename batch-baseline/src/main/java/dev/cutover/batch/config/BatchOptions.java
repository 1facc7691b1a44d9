package dev.cutover.batch.config;

import dev.cutover.batch.io.JdbcTarget;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

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

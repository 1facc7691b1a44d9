package dev.cutover.parity;

import dev.cutover.contract.CutoverException;
import dev.cutover.contract.Redact;
import dev.cutover.contract.batch.BatchJobArguments;
import dev.cutover.contract.batch.HourRange;
import dev.cutover.contract.stream.JobOption;
import dev.cutover.contract.stream.OptionsException;
import dev.cutover.contract.stream.StreamJobOptions;
import dev.cutover.launch.PrivateFiles;
import dev.cutover.launch.spark.SparkBatch;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The services a parity run uses, resolved, secrets included: Kafka (client properties, the topic),
 * the schema registry, the database. {@link #toString()} never shows a secret.
 *
 * @param kafka Kafka client properties, {@code bootstrap.servers} included (may hold SASL/TLS
 *     secrets)
 */
public record ParityTarget(
        Properties kafka,
        String topic,
        String registryUrl,
        Optional<String> registryUserInfo,
        String jdbcUrl,
        String jdbcUser,
        Optional<String> jdbcPassword) {

    public String bootstrapServers() {
        return kafka.getProperty("bootstrap.servers");
    }

    /**
     * The Flink job's options: these services, writing into {@code schema}, as {@code settings}
     * say.
     *
     * @throws CutoverException exit 2 when a job option is unknown or bad
     */
    public StreamJobOptions streamOptions(StreamSettings settings, String schema) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(JobOption.BOOTSTRAP_SERVERS.key(), bootstrapServers());
        kafka.stringPropertyNames().stream()
                .filter(k -> !k.equals("bootstrap.servers"))
                .forEach(k -> values.put(StreamJobOptions.KAFKA_PREFIX + k, kafka.getProperty(k)));
        values.put(JobOption.TOPIC.key(), topic);
        values.put(JobOption.SCHEMA_REGISTRY_URL.key(), registryUrl);
        registryUserInfo.ifPresent(u -> values.put(JobOption.SCHEMA_REGISTRY_USER_INFO.key(), u));
        values.put(JobOption.JDBC_URL.key(), jdbcUrl);
        values.put(JobOption.JDBC_USER.key(), jdbcUser);
        jdbcPassword.ifPresent(p -> values.put(JobOption.JDBC_PASSWORD.key(), p));
        values.put(JobOption.JDBC_SCHEMA.key(), schema);
        values.putAll(settings.values());
        try {
            return StreamJobOptions.from(values, Map.of());
        } catch (OptionsException e) {
            throw CutoverException.badInput("the Flink job's options: " + e.getMessage());
        }
    }

    /**
     * The Spark batch's arguments for {@code hours} against these services ({@code --kafka-config}
     * a file only this user can read when Kafka needs more than its servers).
     */
    public BatchJobArguments batchArguments(
            BatchSettings settings, PrivateFiles files, HourRange hours) {
        Optional<java.nio.file.Path> kafkaConfig = Optional.empty();
        if (kafka.size() > 1) {
            Properties rest = new Properties();
            rest.putAll(kafka);
            rest.remove("bootstrap.servers");
            kafkaConfig = Optional.of(files.write("kafka", rest));
        }
        return new BatchJobArguments(
                hours,
                Optional.of(bootstrapServers()),
                kafkaConfig,
                topic,
                registryUrl,
                jdbcUrl,
                Optional.ofNullable(jdbcUser),
                Optional.empty(),
                settings.outputSchema(),
                settings.grace(),
                settings.lookback(),
                settings.resolveOffsets(),
                Optional.empty(),
                BatchJobArguments.DEFAULT_SHUFFLE_PARTITIONS,
                0);
    }

    /** What the batch reads from its environment. */
    public SparkBatch.Secrets batchSecrets() {
        return new SparkBatch.Secrets(jdbcPassword, registryUserInfo);
    }

    @Override
    public String toString() {
        return "kafka "
                + bootstrapServers()
                + " topic "
                + topic
                + ", registry "
                + Redact.jdbcUrl(registryUrl)
                + ", database "
                + Redact.jdbcUrl(jdbcUrl);
    }
}

package dev.cutover.cli.parity;

import dev.cutover.cli.options.Redact;
import java.util.ArrayList;
import java.util.List;
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
     * The target options ({@code TargetOptions}) that point a child command ({@code stream}, {@code
     * batch}) at these services; secrets go through {@code files}.
     */
    public List<String> commandArguments(PrivateFiles files) {
        List<String> args = new ArrayList<>();
        args.addAll(List.of("--bootstrap-servers", bootstrapServers()));
        if (kafka.size() > 1) {
            Properties rest = new Properties();
            rest.putAll(kafka);
            rest.remove("bootstrap.servers");
            args.addAll(List.of("--kafka-config", files.write("kafka", rest).toString()));
        }
        args.addAll(List.of("--schema-registry", registryUrl));
        registryUserInfo.ifPresent(
                u ->
                        args.addAll(
                                List.of(
                                        "--schema-registry-credentials-file",
                                        files.write("registry", u).toString())));
        args.addAll(List.of("--jdbc-url", jdbcUrl, "--jdbc-user", jdbcUser));
        jdbcPassword.ifPresent(
                p ->
                        args.addAll(
                                List.of(
                                        "--jdbc-password-file",
                                        files.write("jdbc", p).toString())));
        args.addAll(List.of("--topic", topic));
        return args;
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

package dev.cutover.cli.options;

import dev.cutover.contract.CutoverException;
import dev.cutover.contract.Defaults;
import dev.cutover.model.registry.BasicCredentials;
import dev.cutover.model.registry.RegistryClientConfig;
import dev.cutover.parity.ParityTarget;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import picocli.CommandLine.Option;

/**
 * Where the services are: shared by every subcommand that talks to Kafka, the schema registry or
 * the database. Each option falls back to the environment variable that {@code cutover stack up}
 * prints, so {@code eval "$(cutover stack up …)"} points every later command at the stack.
 * Passwords come from the environment or a file, never from a flag value that shows in {@code ps}.
 */
public final class TargetOptions {
    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT,…",
            defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS}",
            description = "Kafka bootstrap servers (env KAFKA_BOOTSTRAP_SERVERS).")
    String bootstrapServers;

    @Option(
            names = "--schema-registry",
            paramLabel = "URL",
            defaultValue = "${env:SCHEMA_REGISTRY_URL}",
            description =
                    "Base URL of the Confluent schema registry API (env SCHEMA_REGISTRY_URL);"
                            + " basic auth from env SCHEMA_REGISTRY_USER_INFO=user:password.")
    String schemaRegistryUrl;

    @Option(
            names = "--schema-registry-credentials-file",
            paramLabel = "FILE",
            description =
                    "File holding user:password for the schema registry (else env"
                            + " SCHEMA_REGISTRY_USER_INFO).")
    Path registryCredentialsFile;

    @Option(
            names = "--jdbc-url",
            paramLabel = "URL",
            defaultValue = "${env:JDBC_URL}",
            description = "JDBC URL of the PostgreSQL / Aurora database (env JDBC_URL).")
    String jdbcUrl;

    @Option(
            names = "--jdbc-user",
            paramLabel = "USER",
            defaultValue = "${env:JDBC_USER}",
            description = "Database user (env JDBC_USER).")
    String jdbcUser;

    @Option(
            names = "--jdbc-password-file",
            paramLabel = "FILE",
            description = "File holding the database password (else env JDBC_PASSWORD).")
    Path jdbcPasswordFile;

    @Option(
            names = "--topic",
            paramLabel = "NAME",
            defaultValue = Defaults.TOPIC,
            description = "Kafka topic of card transactions (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(
            names = "--kafka-config",
            paramLabel = "FILE",
            description = "Kafka client properties (security, TLS with inline PEM, SASL…).")
    Path kafkaConfig;

    public String topic() {
        return topic;
    }

    public boolean hasKafka() {
        return present(bootstrapServers);
    }

    public boolean hasSchemaRegistry() {
        return present(schemaRegistryUrl);
    }

    public boolean hasDatabase() {
        return present(jdbcUrl);
    }

    /** Kafka client properties: the {@code --kafka-config} file, then the bootstrap servers. */
    public Properties kafkaProperties() {
        String servers =
                require(bootstrapServers, "--bootstrap-servers", "KAFKA_BOOTSTRAP_SERVERS");
        Properties properties = new Properties();
        if (kafkaConfig != null) {
            try (Reader reader = Files.newBufferedReader(kafkaConfig)) {
                properties.load(reader);
            } catch (IOException | IllegalArgumentException e) {
                throw CutoverException.badInput(
                        "cannot read --kafka-config " + kafkaConfig + ": " + e.getMessage());
            }
        }
        properties.setProperty("bootstrap.servers", servers);
        return properties;
    }

    /**
     * Every service these options name, for a command that needs all three ({@code stream}, {@code
     * batch}).
     */
    public ParityTarget target() {
        Properties kafka = kafkaProperties();
        String registry = registryConfig().baseUrl().toString();
        String url = jdbcUrl();
        if (!present(jdbcUser)) {
            throw CutoverException.badInput(
                    "missing --jdbc-user (or environment variable JDBC_USER)");
        }
        return new ParityTarget(
                kafka, topic(), registry, registryUserInfo(), url, jdbcUser, jdbcPassword());
    }

    public RegistryClientConfig registryConfig() {
        String url = require(schemaRegistryUrl, "--schema-registry", "SCHEMA_REGISTRY_URL");
        RegistryClientConfig config;
        try {
            config = RegistryClientConfig.of(url);
        } catch (IllegalArgumentException e) {
            throw CutoverException.badInput("--schema-registry: " + e.getMessage());
        }
        Optional<String> userInfo = registryUserInfo();
        try {
            return userInfo.isPresent()
                    ? config.withCredentials(BasicCredentials.parse(userInfo.get()))
                    : config;
        } catch (IllegalArgumentException e) {
            throw CutoverException.badInput("schema registry credentials: " + e.getMessage());
        }
    }

    /**
     * The registry's {@code user:password}: from {@code --schema-registry-credentials-file}, else
     * env {@code SCHEMA_REGISTRY_USER_INFO}.
     */
    public Optional<String> registryUserInfo() {
        return secret(registryCredentialsFile, "--schema-registry-credentials-file")
                .or(() -> env("SCHEMA_REGISTRY_USER_INFO"));
    }

    public String jdbcUrl() {
        return require(jdbcUrl, "--jdbc-url", "JDBC_URL");
    }

    public String jdbcUser() {
        return jdbcUser;
    }

    /** The password from {@code --jdbc-password-file}, else env {@code JDBC_PASSWORD}. */
    public Optional<String> jdbcPassword() {
        return secret(jdbcPasswordFile, "--jdbc-password-file").or(() -> env("JDBC_PASSWORD"));
    }

    private static Optional<String> secret(Path file, String option) {
        if (file == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file).strip());
        } catch (IOException e) {
            throw CutoverException.badInput("cannot read " + option + " " + file);
        }
    }

    private static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(TargetOptions::present);
    }

    private static String require(String value, String option, String env) {
        if (!present(value)) {
            throw CutoverException.badInput(
                    "missing " + option + " (or environment variable " + env + ")");
        }
        return value.trim();
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}

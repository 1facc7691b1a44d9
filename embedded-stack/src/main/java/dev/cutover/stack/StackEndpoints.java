package dev.cutover.stack;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the started services listen. A component is {@code null} when its service was not started;
 * its accessor then throws {@link IllegalStateException}. {@link #toString()} never shows the
 * password.
 *
 * @param kafkaBootstrapServers {@code 127.0.0.1:PORT}
 * @param schemaRegistryUrl the base of the Confluent API, {@code
 *     http://127.0.0.1:PORT/apis/ccompat/v7}
 * @param jdbcUrl {@code jdbc:postgresql://127.0.0.1:PORT/postgres}
 * @param jdbcUser the PostgreSQL user
 * @param jdbcPassword the PostgreSQL password
 */
public record StackEndpoints(
        String kafkaBootstrapServers,
        String schemaRegistryUrl,
        String jdbcUrl,
        String jdbcUser,
        String jdbcPassword) {

    public static final String KAFKA_BOOTSTRAP_SERVERS = "KAFKA_BOOTSTRAP_SERVERS";
    public static final String SCHEMA_REGISTRY_URL = "SCHEMA_REGISTRY_URL";
    public static final String JDBC_URL = "JDBC_URL";
    public static final String JDBC_USER = "JDBC_USER";
    public static final String JDBC_PASSWORD = "JDBC_PASSWORD";

    /** Whether {@code service} was started, i.e. its endpoints are known. */
    public boolean has(Service service) {
        return switch (service) {
            case KAFKA -> kafkaBootstrapServers != null;
            case SCHEMA_REGISTRY -> schemaRegistryUrl != null;
            case POSTGRES -> jdbcUrl != null;
        };
    }

    @Override
    public String kafkaBootstrapServers() {
        return require(kafkaBootstrapServers, Service.KAFKA);
    }

    @Override
    public String schemaRegistryUrl() {
        return require(schemaRegistryUrl, Service.SCHEMA_REGISTRY);
    }

    @Override
    public String jdbcUrl() {
        return require(jdbcUrl, Service.POSTGRES);
    }

    @Override
    public String jdbcUser() {
        return require(jdbcUser, Service.POSTGRES);
    }

    @Override
    public String jdbcPassword() {
        return require(jdbcPassword, Service.POSTGRES);
    }

    /**
     * The endpoints of the started services as the environment variables every {@code cutover}
     * command reads ({@value #KAFKA_BOOTSTRAP_SERVERS}, {@value #SCHEMA_REGISTRY_URL}, {@value
     * #JDBC_URL}, {@value #JDBC_USER}), in that order. The password is left out: it is not to be
     * printed.
     */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        if (kafkaBootstrapServers != null) {
            env.put(KAFKA_BOOTSTRAP_SERVERS, kafkaBootstrapServers);
        }
        if (schemaRegistryUrl != null) {
            env.put(SCHEMA_REGISTRY_URL, schemaRegistryUrl);
        }
        if (jdbcUrl != null) {
            env.put(JDBC_URL, jdbcUrl);
            env.put(JDBC_USER, jdbcUser);
        }
        return env;
    }

    @Override
    public String toString() {
        return "StackEndpoints" + environment();
    }

    private static String require(String value, Service service) {
        if (value == null) {
            throw new IllegalStateException(
                    service.displayName() + " was not started (see StackOptions.services)");
        }
        return value;
    }
}

package dev.cutover.stack;

import dev.cutover.contract.ArtifactLocator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What to start and where; immutable. Start from {@link #defaults()} and change what you need with
 * the {@code with…} methods.
 *
 * @param runDir the run folder; each service keeps its data and log under its own sub-folder
 *     ({@code kafka/}, {@code postgres/}, {@code schema-registry/}), which a new start wipes.
 *     {@code null} (the default): a fresh temporary folder, deleted on close
 * @param services the services to start (default: all)
 * @param kafkaPort the broker's client port; 0 (the default) picks a free one. The KRaft controller
 *     always gets a free port of its own
 * @param registryPort the schema registry's HTTP port; 0 picks a free one
 * @param postgresPort PostgreSQL's port; 0 picks a free one
 * @param registryJar the schema registry's runner jar; {@code null} (the default) finds it as
 *     {@link ArtifactLocator} describes
 * @param startTimeout how long each service may take to become ready (default 60 s)
 * @param kafkaAutoCreateTopics the broker's {@code auto.create.topics.enable} (default {@code
 *     false}, as on managed clusters: whoever writes a topic creates it first)
 * @param kafkaProperties further broker properties; they override the stack's own
 */
public record StackOptions(
        Path runDir,
        Set<Service> services,
        int kafkaPort,
        int registryPort,
        int postgresPort,
        Path registryJar,
        Duration startTimeout,
        boolean kafkaAutoCreateTopics,
        Map<String, String> kafkaProperties) {

    /** The default time each service may take to become ready. */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);

    public StackOptions {
        Objects.requireNonNull(services, "services");
        if (services.isEmpty()) {
            throw StackException.badConfiguration("No service to start: name at least one");
        }
        services = Set.copyOf(EnumSet.copyOf(services));
        checkPort(kafkaPort, "Kafka");
        checkPort(registryPort, "Schema registry");
        checkPort(postgresPort, "PostgreSQL");
        Objects.requireNonNull(startTimeout, "startTimeout");
        if (startTimeout.isNegative() || startTimeout.isZero()) {
            throw StackException.badConfiguration(
                    "Start timeout must be positive, not " + startTimeout);
        }
        kafkaProperties = Map.copyOf(kafkaProperties);
    }

    /** All services, free ports, a temporary run folder, the registry jar found automatically. */
    public static StackOptions defaults() {
        return new StackOptions(
                null,
                EnumSet.allOf(Service.class),
                0,
                0,
                0,
                null,
                DEFAULT_START_TIMEOUT,
                false,
                Map.of());
    }

    /** Whether {@code service} is to be started. */
    public boolean includes(Service service) {
        return services.contains(service);
    }

    public StackOptions withRunDir(Path runDir) {
        return new StackOptions(
                runDir,
                services,
                kafkaPort,
                registryPort,
                postgresPort,
                registryJar,
                startTimeout,
                kafkaAutoCreateTopics,
                kafkaProperties);
    }

    public StackOptions withServices(Set<Service> services) {
        return new StackOptions(
                runDir,
                services,
                kafkaPort,
                registryPort,
                postgresPort,
                registryJar,
                startTimeout,
                kafkaAutoCreateTopics,
                kafkaProperties);
    }

    public StackOptions withServices(Service first, Service... more) {
        return withServices(EnumSet.of(first, more));
    }

    public StackOptions withKafkaPort(int kafkaPort) {
        return new StackOptions(
                runDir,
                services,
                kafkaPort,
                registryPort,
                postgresPort,
                registryJar,
                startTimeout,
                kafkaAutoCreateTopics,
                kafkaProperties);
    }

    public StackOptions withRegistryPort(int registryPort) {
        return new StackOptions(
                runDir,
                services,
                kafkaPort,
                registryPort,
                postgresPort,
                registryJar,
                startTimeout,
                kafkaAutoCreateTopics,
                kafkaProperties);
    }

    public StackOptions withPostgresPort(int postgresPort) {
        return new StackOptions(
                runDir,
                services,
                kafkaPort,
                registryPort,
                postgresPort,
                registryJar,
                startTimeout,
                kafkaAutoCreateTopics,
                kafkaProperties);
    }

    public StackOptions withRegistryJar(Path registryJar) {
        return new StackOptions(
                runDir,
                services,
                kafkaPort,
                registryPort,
                postgresPort,
                registryJar,
                startTimeout,
                kafkaAutoCreateTopics,
                kafkaProperties);
    }

    public StackOptions withStartTimeout(Duration startTimeout) {
        return new StackOptions(
                runDir,
                services,
                kafkaPort,
                registryPort,
                postgresPort,
                registryJar,
                startTimeout,
                kafkaAutoCreateTopics,
                kafkaProperties);
    }

    public StackOptions withKafkaAutoCreateTopics(boolean kafkaAutoCreateTopics) {
        return new StackOptions(
                runDir,
                services,
                kafkaPort,
                registryPort,
                postgresPort,
                registryJar,
                startTimeout,
                kafkaAutoCreateTopics,
                kafkaProperties);
    }

    /** Adds (or replaces) one broker property. */
    public StackOptions withKafkaProperty(String key, String value) {
        Map<String, String> properties = new LinkedHashMap<>(kafkaProperties);
        properties.put(key, value);
        return new StackOptions(
                runDir,
                services,
                kafkaPort,
                registryPort,
                postgresPort,
                registryJar,
                startTimeout,
                kafkaAutoCreateTopics,
                properties);
    }

    private static void checkPort(int port, String service) {
        if (port < 0 || port > 65535) {
            throw StackException.badConfiguration(
                    service + " port " + port + " is out of range (0 for a free port, or 1-65535)");
        }
    }
}

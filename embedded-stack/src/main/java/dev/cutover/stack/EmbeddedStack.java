package dev.cutover.stack;

import dev.cutover.contract.Ports;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka, the schema registry and PostgreSQL, started in parallel on free ports (or the ports the
 * options fix), each with its data under one run folder. If one service fails to start, those
 * already started are stopped again. {@link #close()} stops them all; so does a shutdown hook when
 * the JVM exits (or gets SIGTERM/SIGINT) before {@code close()} was called.
 *
 * <pre>{@code
 * try (EmbeddedStack stack = EmbeddedStack.start(StackOptions.defaults())) {
 *     stack.kafkaBootstrapServers(); // 127.0.0.1:PORT
 *     stack.schemaRegistryUrl();     // http://127.0.0.1:PORT/apis/ccompat/v7
 *     stack.jdbcUrl();               // jdbc:postgresql://127.0.0.1:PORT/postgres
 * }
 * }</pre>
 */
public final class EmbeddedStack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedStack.class);

    private final RunFolder folder;
    private final EmbeddedKafka kafka;
    private final EmbeddedSchemaRegistry registry;
    private final EmbeddedPostgres postgres;
    private final StackEndpoints endpoints;
    private final Duration startupTime;
    private final Map<Service, Duration> serviceStartupTimes;
    private final Thread shutdownHook;
    private boolean closed;

    private EmbeddedStack(
            RunFolder folder,
            Map<Service, AutoCloseable> started,
            Duration startupTime,
            Map<Service, Duration> serviceStartupTimes) {
        this.folder = folder;
        this.kafka = (EmbeddedKafka) started.get(Service.KAFKA);
        this.registry = (EmbeddedSchemaRegistry) started.get(Service.SCHEMA_REGISTRY);
        this.postgres = (EmbeddedPostgres) started.get(Service.POSTGRES);
        this.endpoints =
                new StackEndpoints(
                        kafka == null ? null : kafka.bootstrapServers(),
                        registry == null ? null : registry.url(),
                        postgres == null ? null : postgres.jdbcUrl(),
                        postgres == null ? null : postgres.user(),
                        postgres == null ? null : postgres.password());
        this.startupTime = startupTime;
        this.serviceStartupTimes = Collections.unmodifiableMap(serviceStartupTimes);
        this.shutdownHook = new Thread(this::close, "cutover-stack-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts the services {@code options} name, in parallel, and returns once all are ready.
     *
     * @throws StackException of kind {@code BAD_CONFIGURATION} before anything starts when the
     *     options are impossible (a fixed port taken, the run folder not writable, the registry jar
     *     missing); of kind {@code INFRASTRUCTURE} when a service fails or times out, after
     *     stopping the others
     */
    public static EmbeddedStack start(StackOptions options) {
        long startNanos = System.nanoTime();
        Path registryJar =
                options.includes(Service.SCHEMA_REGISTRY)
                        ? EmbeddedSchemaRegistry.registryJar(options)
                        : null;
        checkFixedPorts(options);
        RunFolder folder = RunFolder.prepare(options.runDir());

        Map<Service, Supplier<AutoCloseable>> starters = new EnumMap<>(Service.class);
        starters.put(Service.KAFKA, () -> EmbeddedKafka.start(options, folder, null));
        starters.put(
                Service.SCHEMA_REGISTRY,
                () -> EmbeddedSchemaRegistry.start(options, registryJar, folder, null));
        starters.put(Service.POSTGRES, () -> EmbeddedPostgres.start(options, folder, null));

        Map<Service, CompletableFuture<AutoCloseable>> futures = new EnumMap<>(Service.class);
        Map<Service, Duration> times = Collections.synchronizedMap(new EnumMap<>(Service.class));
        ExecutorService executor = newExecutor("cutover-stack-start");
        try {
            for (Service service : options.services()) {
                Supplier<AutoCloseable> starter = starters.get(service);
                futures.put(
                        service,
                        CompletableFuture.supplyAsync(
                                () -> {
                                    long t0 = System.nanoTime();
                                    AutoCloseable started = starter.get();
                                    times.put(service, Duration.ofNanos(System.nanoTime() - t0));
                                    return started;
                                },
                                executor));
            }
            Map<Service, AutoCloseable> started = new EnumMap<>(Service.class);
            List<RuntimeException> failures = new ArrayList<>();
            futures.forEach(
                    (service, future) -> {
                        try {
                            started.put(service, future.join());
                        } catch (CompletionException e) {
                            failures.add(asStackException(service, e.getCause()));
                        }
                    });
            if (!failures.isEmpty()) {
                RuntimeException first = failures.get(0);
                failures.subList(1, failures.size()).forEach(first::addSuppressed);
                closeAll(started).ifPresent(first::addSuppressed);
                if (failures.stream().allMatch(EmbeddedStack::isBadConfiguration)) {
                    folder.deleteIfTemporary();
                } else {
                    LOG.warn("Run folder {} kept for inspection", folder.path());
                }
                throw first;
            }
            Duration total = Duration.ofNanos(System.nanoTime() - startNanos);
            LOG.info(
                    "Embedded stack ready in {} ms: {} (run folder {})",
                    total.toMillis(),
                    times(times),
                    folder.path());
            return new EmbeddedStack(folder, started, total, new EnumMap<>(times));
        } finally {
            executor.shutdown();
        }
    }

    /** {@code 127.0.0.1:PORT}; throws when Kafka was not started. */
    public String kafkaBootstrapServers() {
        return endpoints.kafkaBootstrapServers();
    }

    /** {@code http://127.0.0.1:PORT/apis/ccompat/v7}; throws when the registry was not started. */
    public String schemaRegistryUrl() {
        return endpoints.schemaRegistryUrl();
    }

    /**
     * {@code jdbc:postgresql://127.0.0.1:PORT/postgres}; throws when PostgreSQL was not started.
     */
    public String jdbcUrl() {
        return endpoints.jdbcUrl();
    }

    public String jdbcUser() {
        return endpoints.jdbcUser();
    }

    public String jdbcPassword() {
        return endpoints.jdbcPassword();
    }

    /** All endpoints at once, e.g. to print them as environment variables. */
    public StackEndpoints endpoints() {
        return endpoints;
    }

    public Optional<EmbeddedKafka> kafka() {
        return Optional.ofNullable(kafka);
    }

    public Optional<EmbeddedSchemaRegistry> schemaRegistry() {
        return Optional.ofNullable(registry);
    }

    public Optional<EmbeddedPostgres> postgres() {
        return Optional.ofNullable(postgres);
    }

    /**
     * Restarts the Kafka broker in place (same port, same data); see {@link
     * EmbeddedKafka#restart()}.
     *
     * @return how long the broker was down
     */
    public Duration restartKafka() {
        Duration down =
                kafka().orElseThrow(() -> new IllegalStateException("Kafka was not started"))
                        .restart();
        LOG.info("Kafka broker restarted in place; down {} ms", down.toMillis());
        return down;
    }

    /**
     * Restarts PostgreSQL in place (same port, same data); see {@link EmbeddedPostgres#restart()}.
     *
     * @return how long the server was down
     */
    public Duration restartPostgres() {
        Duration down =
                postgres()
                        .orElseThrow(() -> new IllegalStateException("PostgreSQL was not started"))
                        .restart();
        LOG.info("PostgreSQL restarted in place; down {} ms", down.toMillis());
        return down;
    }

    /** The run folder holding each service's data and logs. */
    public Path runDir() {
        return folder.path();
    }

    /** From {@link #start} being called to every service being ready. */
    public Duration startupTime() {
        return startupTime;
    }

    /** How long each service took to become ready (they started in parallel). */
    public Map<Service, Duration> serviceStartupTimes() {
        return serviceStartupTimes;
    }

    /**
     * Stops every service (in parallel) and deletes the run folder if it was a temporary one;
     * idempotent.
     *
     * @throws StackException of kind {@code INFRASTRUCTURE} when a service did not stop cleanly
     *     (after trying to stop all)
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook runs anyway and finds the stack closed
            }
        }
        Map<Service, AutoCloseable> services = new EnumMap<>(Service.class);
        kafka().ifPresent(k -> services.put(Service.KAFKA, k));
        schemaRegistry().ifPresent(r -> services.put(Service.SCHEMA_REGISTRY, r));
        postgres().ifPresent(p -> services.put(Service.POSTGRES, p));
        Optional<StackException> failure = closeAll(services);
        folder.deleteIfTemporary();
        if (failure.isPresent()) {
            throw failure.get();
        }
        LOG.info("Embedded stack stopped");
    }

    @Override
    public String toString() {
        return "EmbeddedStack" + endpoints.environment();
    }

    /** Closes all in parallel; returns the first failure, with the others suppressed. */
    private static Optional<StackException> closeAll(Map<Service, AutoCloseable> services) {
        ExecutorService executor = newExecutor("cutover-stack-stop");
        try {
            List<StackException> failures = Collections.synchronizedList(new ArrayList<>());
            CompletableFuture.allOf(
                            services.entrySet().stream()
                                    .map(
                                            entry ->
                                                    CompletableFuture.runAsync(
                                                            () -> {
                                                                try {
                                                                    entry.getValue().close();
                                                                } catch (Exception e) {
                                                                    failures.add(
                                                                            asStackException(
                                                                                    entry.getKey(),
                                                                                    e));
                                                                }
                                                            },
                                                            executor))
                                    .toArray(CompletableFuture[]::new))
                    .join();
            if (failures.isEmpty()) {
                return Optional.empty();
            }
            StackException first = failures.get(0);
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            return Optional.of(first);
        } finally {
            executor.shutdown();
        }
    }

    private static void checkFixedPorts(StackOptions options) {
        Map<Integer, Service> fixed = new HashMap<>();
        checkFixedPort(options, Service.KAFKA, options.kafkaPort(), fixed);
        checkFixedPort(options, Service.SCHEMA_REGISTRY, options.registryPort(), fixed);
        checkFixedPort(options, Service.POSTGRES, options.postgresPort(), fixed);
    }

    private static void checkFixedPort(
            StackOptions options, Service service, int port, Map<Integer, Service> fixed) {
        if (port == 0 || !options.includes(service)) {
            return;
        }
        Service other = fixed.putIfAbsent(port, service);
        if (other != null) {
            throw StackException.badConfiguration(
                    other.displayName()
                            + " and "
                            + service.displayName()
                            + " cannot both use port "
                            + port);
        }
        if (!Ports.isFree(port)) {
            throw StackException.badConfiguration(
                    service.displayName() + " port " + port + " is already in use on this machine");
        }
    }

    private static boolean isBadConfiguration(RuntimeException e) {
        return e instanceof StackException s && s.kind() == StackException.Kind.BAD_CONFIGURATION;
    }

    private static StackException asStackException(Service service, Throwable e) {
        if (e instanceof StackException s) {
            return s;
        }
        return StackException.infrastructure(
                service.displayName() + " failed: " + StackException.describe(e), e);
    }

    private static String times(Map<Service, Duration> times) {
        StringBuilder text = new StringBuilder();
        times.forEach(
                (service, time) -> {
                    if (text.length() > 0) {
                        text.append(", ");
                    }
                    text.append(service.displayName())
                            .append(' ')
                            .append(time.toMillis())
                            .append(" ms");
                });
        return text.toString();
    }

    private static ExecutorService newExecutor(String name) {
        AtomicInteger counter = new AtomicInteger();
        return Executors.newFixedThreadPool(
                Service.values().length,
                runnable -> {
                    Thread thread = new Thread(runnable, name + "-" + counter.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }
}

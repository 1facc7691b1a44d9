package dev.cutover.testkit;

import dev.cutover.stack.EmbeddedStack;
import dev.cutover.stack.Service;
import dev.cutover.stack.StackEndpoints;
import dev.cutover.stack.StackOptions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The services started for this test JVM. A test class that needs a service no earlier class needed
 * starts it then; the ones running keep running. Kept in the root extension store, so JUnit closes
 * it after the JVM's last test.
 */
final class SharedStack implements AutoCloseable {

    private final List<EmbeddedStack> parts = new ArrayList<>();
    private final Set<Service> running = EnumSet.noneOf(Service.class);
    private StackEndpoints endpoints = new StackEndpoints(null, null, null, null, null);

    /**
     * The endpoints of every running service, after starting those of {@code needed} not yet
     * running.
     */
    synchronized StackEndpoints ensure(Set<Service> needed) {
        Set<Service> missing = EnumSet.copyOf(needed);
        missing.removeAll(running);
        if (missing.isEmpty()) {
            return endpoints;
        }
        EmbeddedStack part = EmbeddedStack.start(StackOptions.defaults().withServices(missing));
        parts.add(part);
        running.addAll(missing);
        endpoints = merge(endpoints, part.endpoints());
        return endpoints;
    }

    private static StackEndpoints merge(StackEndpoints a, StackEndpoints b) {
        return new StackEndpoints(
                either(a, b, Service.KAFKA, StackEndpoints::kafkaBootstrapServers),
                either(a, b, Service.SCHEMA_REGISTRY, StackEndpoints::schemaRegistryUrl),
                either(a, b, Service.POSTGRES, StackEndpoints::jdbcUrl),
                either(a, b, Service.POSTGRES, StackEndpoints::jdbcUser),
                either(a, b, Service.POSTGRES, StackEndpoints::jdbcPassword));
    }

    private static String either(
            StackEndpoints a,
            StackEndpoints b,
            Service service,
            Function<StackEndpoints, String> endpoint) {
        if (a.has(service)) {
            return endpoint.apply(a);
        }
        return b.has(service) ? endpoint.apply(b) : null;
    }

    @Override
    public synchronized void close() {
        RuntimeException failure = null;
        for (EmbeddedStack part : parts) {
            try {
                part.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        parts.clear();
        running.clear();
        if (failure != null) {
            throw failure;
        }
    }
}

package dev.cutover.stream.functions;

import dev.cutover.model.registry.BasicCredentials;
import dev.cutover.model.registry.RegistryClientConfig;
import dev.cutover.model.registry.SchemaRegistryClient;
import dev.cutover.model.wire.WriterSchemas;
import java.io.Serializable;

/**
 * Creates the writer-schema lookup on a task manager (registry clients are not serializable).
 * Production uses {@link #registry}; tests hand in a fixed map.
 */
@FunctionalInterface
public interface WriterSchemasFactory extends Serializable {
    WriterSchemas create();

    /**
     * A schema registry client (Confluent API) at {@code baseUrl}, with basic auth when {@code
     * userInfo} ({@code user:password}) is given.
     */
    static WriterSchemasFactory registry(String baseUrl, String userInfo) {
        return () -> {
            RegistryClientConfig config = RegistryClientConfig.of(baseUrl);
            if (userInfo != null && !userInfo.isBlank()) {
                config = config.withCredentials(BasicCredentials.parse(userInfo));
            }
            return new SchemaRegistryClient(config);
        };
    }
}

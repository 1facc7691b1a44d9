package dev.cutover.batch.pipeline;

import dev.cutover.model.registry.BasicCredentials;
import dev.cutover.model.registry.RegistryClientConfig;
import dev.cutover.model.registry.SchemaRegistryClient;
import dev.cutover.model.wire.WriterSchemas;

/**
 * Writer schemas fetched by id from a Confluent-compatible schema registry; one client (and so one
 * cache) per partition. The optional {@code user:password} travels with the task and is never
 * printed.
 */
public final class RegistrySchemas implements WriterSchemasFactory {
    private static final long serialVersionUID = 1L;

    private final String baseUrl;
    private final String userInfo;

    public RegistrySchemas(String baseUrl, String userInfo) {
        this.baseUrl = baseUrl;
        this.userInfo = userInfo;
    }

    @Override
    public WriterSchemas create() {
        RegistryClientConfig config = RegistryClientConfig.of(baseUrl);
        if (userInfo != null && !userInfo.isBlank()) {
            config = config.withCredentials(BasicCredentials.parse(userInfo));
        }
        return new SchemaRegistryClient(config);
    }

    @Override
    public String toString() {
        return "RegistrySchemas[" + baseUrl + "]";
    }
}

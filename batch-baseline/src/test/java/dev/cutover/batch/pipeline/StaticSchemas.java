package dev.cutover.batch.pipeline;

import dev.cutover.model.wire.WriterSchemas;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;

/** Writer schemas from a fixed id → JSON map, for tests without a registry. */
final class StaticSchemas implements WriterSchemasFactory {
    private static final long serialVersionUID = 1L;
    private final Map<Integer, String> jsonById;

    StaticSchemas(Map<Integer, String> jsonById) {
        this.jsonById = Map.copyOf(jsonById);
    }

    @Override
    public WriterSchemas create() {
        return id ->
                Optional.ofNullable(jsonById.get(id)).map(json -> new Schema.Parser().parse(json));
    }
}

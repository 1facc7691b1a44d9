package dev.cutover.batch.pipeline;

import dev.cutover.model.wire.WriterSchemas;
import java.io.Serializable;

/**
 * Makes the writer-schema lookup on an executor. Spark ships this factory with the task and each
 * partition creates its own lookup (a registry client with its own cache), so nothing that holds a
 * connection is serialized.
 */
@FunctionalInterface
public interface WriterSchemasFactory extends Serializable {
    WriterSchemas create();
}

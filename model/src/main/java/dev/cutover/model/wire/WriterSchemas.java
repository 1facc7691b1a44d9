package dev.cutover.model.wire;

import java.util.Optional;
import org.apache.avro.Schema;

/**
 * Looks up a writer schema by its registry id. An empty result means the registry does not know the
 * id (the record is poison); an unreachable registry throws instead, because that is an
 * infrastructure failure and the record must not be dead-lettered for it.
 */
@FunctionalInterface
public interface WriterSchemas {
    Optional<Schema> byId(int schemaId);
}

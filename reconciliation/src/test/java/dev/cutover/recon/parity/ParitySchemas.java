package dev.cutover.recon.parity;

import dev.cutover.model.db.OutputTables;
import dev.cutover.stack.StackEndpoints;
import dev.cutover.testkit.TestSchema;
import java.util.Map;

/** A test's own stream, batch and truth schemas, their output tables migrated and empty. */
final class ParitySchemas {
    private ParitySchemas() {}

    static Map<String, String> create(StackEndpoints stack, TestSchema schema) {
        Map<String, String> schemas =
                Map.of(
                        "stream",
                        schema.name() + "_s",
                        "batch",
                        schema.name() + "_b",
                        "truth",
                        schema.name() + "_t");
        for (String name : schemas.values()) {
            OutputTables.migrateSchema(
                    stack.jdbcUrl(), stack.jdbcUser(), stack.jdbcPassword(), name);
        }
        return schemas;
    }
}

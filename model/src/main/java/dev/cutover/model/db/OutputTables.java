package dev.cutover.model.db;

import java.util.EnumSet;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Creates and upgrades the output tables ({@code card_transactions}, {@code account_hourly_spend},
 * {@code dead_letters}) in each {@link OutputSchema} with Flyway. Each schema keeps its own history
 * table, so applying again changes nothing and each schema can be upgraded alone.
 */
public final class OutputTables {
    public static final String CARD_TRANSACTIONS = "card_transactions";
    public static final String ACCOUNT_HOURLY_SPEND = "account_hourly_spend";
    public static final String DEAD_LETTERS = "dead_letters";

    static final String LOCATION = "classpath:db/output";

    private OutputTables() {}

    /** Applies pending migrations to every output schema; returns how many were applied. */
    public static int migrate(String jdbcUrl, String user, String password) {
        return migrate(jdbcUrl, user, password, EnumSet.allOf(OutputSchema.class));
    }

    public static int migrate(
            String jdbcUrl, String user, String password, Set<OutputSchema> schemas) {
        int applied = 0;
        for (OutputSchema schema : schemas) {
            applied += migrateSchema(jdbcUrl, user, password, schema.schemaName());
        }
        return applied;
    }

    /** Applies the output tables to any schema name (tests give each test its own). */
    public static int migrateSchema(String jdbcUrl, String user, String password, String schema) {
        MigrateResult result =
                Flyway.configure(OutputTables.class.getClassLoader())
                        .dataSource(jdbcUrl, user, password)
                        .schemas(schema)
                        .defaultSchema(schema)
                        .createSchemas(true)
                        .locations(LOCATION)
                        .loggers("slf4j")
                        .load()
                        .migrate();
        return result.migrationsExecuted;
    }
}

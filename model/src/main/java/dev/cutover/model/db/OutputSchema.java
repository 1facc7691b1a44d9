package dev.cutover.model.db;

import java.util.Locale;

/** The database schemas that hold the same output tables: one per pipeline, and the truth. */
public enum OutputSchema {
    STREAM,
    BATCH,
    TRUTH;

    /** The schema name in the database: {@code stream}, {@code batch}, {@code truth}. */
    public String schemaName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code schema.table}, for a table name this project owns (never user input). */
    public String qualify(String table) {
        return schemaName() + "." + table;
    }
}

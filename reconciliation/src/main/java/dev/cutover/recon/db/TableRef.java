package dev.cutover.recon.db;

import dev.cutover.recon.ReconException;

/**
 * A table named {@code schema.table} on the command line. The names are only looked up in the
 * catalog ({@link Catalog}); SQL is built from the catalog's spelling, quoted ({@link Sql#quote}).
 */
public record TableRef(String schema, String table) {
    public TableRef {
        if (schema == null || schema.isBlank() || table == null || table.isBlank()) {
            throw ReconException.badInput("a table must be named schema.table");
        }
    }

    /** Parses {@code schema.table}; a name without a schema is in {@code public}. */
    public static TableRef parse(String name, String option) {
        if (name == null || name.isBlank()) {
            throw ReconException.badInput("missing " + option + " (schema.table)");
        }
        String trimmed = name.strip();
        int dot = trimmed.indexOf('.');
        if (dot < 0) {
            return new TableRef("public", trimmed);
        }
        if (dot == 0 || dot == trimmed.length() - 1 || trimmed.indexOf('.', dot + 1) >= 0) {
            throw ReconException.badInput(
                    option + " " + name + ": expected schema.table (one dot)");
        }
        return new TableRef(trimmed.substring(0, dot), trimmed.substring(dot + 1));
    }

    /** The table as SQL: both names quoted. */
    public String sql() {
        return Sql.quote(schema) + "." + Sql.quote(table);
    }

    @Override
    public String toString() {
        return schema + "." + table;
    }
}

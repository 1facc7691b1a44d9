package dev.cutover.recon.db;

import java.util.Locale;

/** How values of a column compare: by meaning, whatever the exact SQL type. */
public enum ColumnKind {
    /** smallint, integer, bigint, numeric, real, double precision: compared by value. */
    NUMBER,
    /** timestamp, timestamptz, date: compared as UTC instants. */
    TIMESTAMP,
    BOOLEAN,
    /** text, varchar, char, name: compared as strings, ordered byte-wise ({@code COLLATE "C"}). */
    TEXT,
    /** anything else: compared by its text form. */
    OTHER;

    /**
     * The kind of a PostgreSQL type name as {@code pg_catalog.format_type} or udt_name spell it.
     */
    public static ColumnKind ofPgType(String udtName) {
        String type = udtName.toLowerCase(Locale.ROOT);
        return switch (type) {
            case "int2", "int4", "int8", "numeric", "float4", "float8" -> NUMBER;
            case "timestamp", "timestamptz", "date" -> TIMESTAMP;
            case "bool" -> BOOLEAN;
            case "text", "varchar", "bpchar", "name" -> TEXT;
            default -> OTHER;
        };
    }

    /** Whether both sides' kinds can be compared by meaning. */
    public boolean comparableWith(ColumnKind other) {
        return this == other
                || (this == TEXT && other == OTHER)
                || (this == OTHER && other == TEXT);
    }
}

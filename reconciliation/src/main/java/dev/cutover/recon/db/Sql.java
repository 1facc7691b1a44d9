package dev.cutover.recon.db;

import dev.cutover.contract.SqlResource;

/** Quoting of identifiers and loading of the SQL resource files. */
public final class Sql {
    private Sql() {}

    /**
     * A double-quoted identifier ({@code "a""b"} for {@code a"b}). Only ever applied to names read
     * back from the catalog, so a name reaches SQL exactly as the database spells it.
     */
    public static String quote(String identifier) {
        if (identifier == null || identifier.isEmpty() || identifier.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("not an identifier");
        }
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /**
     * A SQL resource of this module without placeholders (under {@code dev/cutover/recon/sql/}).
     */
    public static String resource(String name) {
        return template(name).sql();
    }

    /** A SQL resource of this module whose {@code ${NAME}} placeholders the caller binds. */
    public static SqlResource template(String name) {
        return SqlResource.of("dev/cutover/recon/sql/" + name);
    }
}

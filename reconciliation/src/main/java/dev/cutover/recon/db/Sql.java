package dev.cutover.recon.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

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

    /** A SQL resource of this module (under {@code dev/cutover/recon/sql/}), comments kept. */
    public static String resource(String name) {
        String path = "/dev/cutover/recon/sql/" + name;
        try (InputStream in = Sql.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

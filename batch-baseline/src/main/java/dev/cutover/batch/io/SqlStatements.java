package dev.cutover.batch.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Named SQL statements from a commented resource file (see {@code sql/replace-hour.sql}). */
final class SqlStatements {
    private static final String MARKER = "-- @name ";
    private final Map<String, String> byName;

    private SqlStatements(Map<String, String> byName) {
        this.byName = byName;
    }

    static SqlStatements load(String resource, String schema) {
        String text;
        try (InputStream in = SqlStatements.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> statements = new HashMap<>();
        String name = null;
        StringBuilder sql = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (line.startsWith(MARKER)) {
                put(statements, name, sql);
                name = line.substring(MARKER.length()).trim();
                sql.setLength(0);
            } else if (!line.trim().startsWith("--")) {
                sql.append(line).append('\n');
            }
        }
        put(statements, name, sql);
        statements.replaceAll((key, value) -> value.replace("${schema}", schema));
        return new SqlStatements(statements);
    }

    private static void put(Map<String, String> statements, String name, StringBuilder sql) {
        if (name != null) {
            statements.put(name, sql.toString().trim());
        }
    }

    String get(String name) {
        String sql = byName.get(name);
        if (sql == null) {
            throw new IllegalArgumentException("no statement " + name);
        }
        return sql;
    }
}

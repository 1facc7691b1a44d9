package dev.cutover.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A commented SQL resource file, the one way every module keeps its SQL:
 *
 * <ul>
 *   <li>{@code --} lines are comments (a file opens with one saying what it computes);
 *   <li>{@code ${NAME}} (upper case) is a placeholder, replaced by {@link #with} verbatim (for
 *       identifiers the caller has checked) or by {@link #withString} as the content of a SQL
 *       string literal (single quotes doubled). A placeholder left unbound is an error. A line
 *       whose placeholder is written {@code ${NAME?}} is left out when {@code NAME} is bound to "";
 *   <li>a file of several statements either names them with {@code -- name: NAME} lines ({@link
 *       #statement}) or ends each with {@code ;} at the end of a line ({@link #statements}).
 * </ul>
 *
 * Production code and tests load the very same files.
 */
public final class SqlResource {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(\\??)}");
    private static final String NAME_MARKER = "-- name:";

    private final String path;
    private final String text;

    private SqlResource(String path, String text) {
        this.path = path;
        this.text = text;
    }

    /** The resource at {@code path} on the class path, e.g. {@code dev/cutover/recon/sql/x.sql}. */
    public static SqlResource of(String path) {
        String resource = path.startsWith("/") ? path.substring(1) : path;
        try (InputStream in = SqlResource.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("SQL resource missing: " + resource);
            }
            return new SqlResource(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** A resource next to {@code type}: {@code of(type's package folder + "/" + name)}. */
    public static SqlResource of(Class<?> type, String name) {
        return of(type.getPackageName().replace('.', '/') + "/" + name);
    }

    /** {@code ${name}} replaced by {@code value} as it is (an identifier the caller checked). */
    public SqlResource with(String name, String value) {
        return bind(name, value, false);
    }

    /** {@code ${name}} replaced by {@code value} as SQL string content (quotes doubled). */
    public SqlResource withString(String name, String value) {
        return bind(name, value, true);
    }

    /** Every entry of {@code values} as {@link #withString}. */
    public SqlResource withStrings(Map<String, String> values) {
        SqlResource bound = this;
        for (Map.Entry<String, String> e : values.entrySet()) {
            bound = bound.withString(e.getKey(), e.getValue());
        }
        return bound;
    }

    private SqlResource bind(String name, String value, boolean asString) {
        String replacement = asString ? value.replace("'", "''") : value;
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (value.isEmpty() && line.contains("${" + name + "?}")) {
                continue; // an optional line bound to nothing
            }
            out.append(
                            line.replace("${" + name + "}", replacement)
                                    .replace("${" + name + "?}", replacement))
                    .append('\n');
        }
        out.setLength(out.length() - 1);
        return new SqlResource(path, out.toString());
    }

    /** The whole text without comment lines. */
    public String sql() {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (!line.strip().startsWith("--")) {
                out.append(line).append('\n');
            }
        }
        return requireBound(out.toString().strip());
    }

    /** The statements of a file that ends each with {@code ;}, without comments. */
    public List<String> statements() {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : sql().split("\n", -1)) {
            String trimmed = line.stripTrailing();
            if (trimmed.endsWith(";")) {
                current.append(trimmed, 0, trimmed.length() - 1);
                String statement = current.toString().strip();
                if (!statement.isEmpty()) {
                    statements.add(statement);
                }
                current.setLength(0);
            } else {
                current.append(line).append('\n');
            }
        }
        if (!current.toString().isBlank()) {
            throw new IllegalArgumentException(
                    path
                            + ": the last statement does not end with ';': "
                            + current.toString().strip());
        }
        return statements;
    }

    /** The statement named {@code -- name: NAME} in this file, without comments. */
    public String statement(String name) {
        String statement = named().get(name);
        if (statement == null) {
            throw new IllegalArgumentException(path + " has no statement '" + name + "'");
        }
        statement =
                statement.endsWith(";")
                        ? statement.substring(0, statement.length() - 1)
                        : statement;
        return requireBound(statement.strip());
    }

    private Map<String, String> named() {
        Map<String, String> statements = new LinkedHashMap<>();
        String name = null;
        StringBuilder sql = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (line.startsWith(NAME_MARKER)) {
                if (name != null) {
                    statements.put(name, sql.toString().strip());
                }
                name = line.substring(NAME_MARKER.length()).strip();
                sql.setLength(0);
            } else if (!line.strip().startsWith("--")) {
                sql.append(line).append('\n');
            }
        }
        if (name != null) {
            statements.put(name, sql.toString().strip());
        }
        return statements;
    }

    private String requireBound(String sql) {
        Matcher m = PLACEHOLDER.matcher(sql);
        if (m.find()) {
            throw new IllegalArgumentException(path + ": no value for ${" + m.group(1) + "}");
        }
        return sql;
    }

    @Override
    public String toString() {
        return path;
    }
}

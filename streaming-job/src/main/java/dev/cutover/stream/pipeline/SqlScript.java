package dev.cutover.stream.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A commented SQL resource file (nexmark style): {@code --} comment lines, statements ending with
 * {@code ;} at the end of a line, and {@code ${NAME}} placeholders replaced as SQL string content
 * (single quotes doubled). An optional connector option is a line of its own {@code 'key' =
 * '${NAME?}',}: it is left out when {@code NAME} is given as the empty string. Production and tests
 * load the very same files.
 */
public final class SqlScript {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z_]+)\\??}");
    private static final Pattern OPTION_LINE =
            Pattern.compile("\\s*'[^']+'\\s*=\\s*'\\$\\{([A-Z_]+)\\?}',\\s*");

    private SqlScript() {}

    /** The statements of {@code resource} (e.g. {@code sql/card_transactions.sql}). */
    public static List<String> load(String resource, Map<String, String> placeholders) {
        return split(substitute(read(resource), placeholders, resource));
    }

    public static List<String> load(String resource) {
        return load(resource, Map.of());
    }

    static String read(String resource) {
        try (InputStream in = SqlScript.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("SQL resource missing: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    static String substitute(String sql, Map<String, String> placeholders, String resource) {
        StringBuilder out = new StringBuilder();
        Matcher m = PLACEHOLDER.matcher(withoutEmptyOptions(stripComments(sql), placeholders));
        while (m.find()) {
            String value = placeholders.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException(
                        "no value for ${" + m.group(1) + "} in " + resource);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value.replace("'", "''")));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Drops the option lines {@code 'key' = '${NAME?}',} whose {@code NAME} is given as "". */
    private static String withoutEmptyOptions(String sql, Map<String, String> placeholders) {
        StringBuilder out = new StringBuilder();
        for (String line : sql.split("\n", -1)) {
            Matcher option = OPTION_LINE.matcher(line);
            if (!(option.matches() && "".equals(placeholders.get(option.group(1))))) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    private static String stripComments(String sql) {
        StringBuilder out = new StringBuilder();
        for (String line : sql.split("\n", -1)) {
            if (!line.strip().startsWith("--")) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    static List<String> split(String sql) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : sql.split("\n", -1)) {
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
                    "SQL script ends without ';': " + current.toString().strip());
        }
        return statements;
    }
}

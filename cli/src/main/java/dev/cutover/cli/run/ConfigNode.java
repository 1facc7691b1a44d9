package dev.cutover.cli.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.contract.CutoverException;
import dev.cutover.contract.SecretKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One section of a parity config, read strictly: every value is addressed by its dotted path in
 * errors, unknown keys are refused ({@link #finish()}), and a value may be {@code ${env:NAME}} (an
 * environment variable) or {@code ${file:PATH}} (a file's content, relative to the config's
 * folder). Secrets must be one of those: a literal secret in the file is refused, so the file can
 * be committed and printed.
 */
final class ConfigNode {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{(env|file):([^}]+)}");

    /** A value and where it came from, for the printed form. */
    record Value(String value, String source) {}

    private final JsonNode node;
    private final String path;
    private final Path folder;
    private final UnaryOperator<String> env;
    private final Set<String> read = new LinkedHashSet<>();

    ConfigNode(JsonNode node, String path, Path folder, UnaryOperator<String> env) {
        if (node != null && !node.isNull() && !node.isObject()) {
            throw bad(path, "expected a section of keys");
        }
        this.node = node;
        this.path = path;
        this.folder = folder;
        this.env = env;
    }

    ConfigNode section(String key) {
        read.add(key);
        return new ConfigNode(raw(key), where(key), folder, env);
    }

    Optional<Value> optional(String key) {
        read.add(key);
        JsonNode value = raw(key);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isValueNode()) {
            throw bad(where(key), "expected a value");
        }
        return Optional.of(resolve(where(key), value.asText()));
    }

    String string(String key, String fallback) {
        return optional(key).map(Value::value).orElse(fallback);
    }

    String required(String key) {
        return optional(key).map(Value::value).orElseThrow(() -> bad(where(key), "missing"));
    }

    /** A secret: absent, or a {@code ${env:…}} / {@code ${file:…}} reference. */
    Optional<Value> secret(String key) {
        Optional<Value> value = optional(key);
        value.ifPresent(v -> requireReference(where(key), v));
        return value;
    }

    int integer(String key, int fallback) {
        return optional(key).map(v -> parseInt(where(key), v.value())).orElse(fallback);
    }

    double decimal(String key, double fallback) {
        return optional(key).map(v -> parseDouble(where(key), v.value())).orElse(fallback);
    }

    boolean bool(String key, boolean fallback) {
        return optional(key)
                .map(
                        v ->
                                switch (v.value()) {
                                    case "true" -> true;
                                    case "false" -> false;
                                    default -> throw bad(where(key), "expected true or false");
                                })
                .orElse(fallback);
    }

    /** A path, relative to the config's folder. */
    Optional<Path> path(String key) {
        return optional(key).map(v -> folder.resolve(v.value()).normalize());
    }

    /**
     * A map of free keys (Kafka properties, job options); values whose key names a secret ({@link
     * SecretKeys#isSecret}) must be references.
     */
    Map<String, Value> map(String key) {
        read.add(key);
        JsonNode value = raw(key);
        Map<String, Value> values = new LinkedHashMap<>();
        if (value == null || value.isNull()) {
            return values;
        }
        if (!value.isObject()) {
            throw bad(where(key), "expected key: value pairs");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String at = where(key) + "." + e.getKey();
            if (!e.getValue().isValueNode()) {
                throw bad(at, "expected a value");
            }
            Value resolved = resolve(at, e.getValue().asText());
            if (SecretKeys.isSecret(e.getKey())) {
                requireReference(at, resolved);
            }
            values.put(e.getKey(), resolved);
        }
        return values;
    }

    /** Refuses keys nobody read: a typo must not silently fall back to a default. */
    void finish() {
        if (node == null || node.isNull()) {
            return;
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!read.contains(name)) {
                throw bad(where(name), "unknown key");
            }
        }
    }

    private JsonNode raw(String key) {
        return node == null ? null : node.get(key);
    }

    private String where(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private Value resolve(String at, String text) {
        Matcher m = REFERENCE.matcher(text.strip());
        if (!m.matches()) {
            return new Value(text, null);
        }
        String name = m.group(2).strip();
        if (m.group(1).equals("env")) {
            String value = env.apply(name);
            if (value == null || value.isBlank()) {
                throw bad(at, "environment variable " + name + " is not set");
            }
            return new Value(value, "${env:" + name + "}");
        }
        Path file = folder.resolve(name).normalize();
        try {
            return new Value(Files.readString(file).strip(), "${file:" + name + "}");
        } catch (IOException e) {
            throw bad(at, "cannot read " + file);
        }
    }

    private static void requireReference(String at, Value value) {
        if (value.source() == null) {
            throw bad(
                    at,
                    "a secret must come from the environment (${env:NAME}) or a file"
                            + " (${file:PATH}), not the config file");
        }
    }

    private static int parseInt(String at, String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw bad(at, "expected a whole number, got '" + text + "'");
        }
    }

    private static double parseDouble(String at, String text) {
        try {
            return Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw bad(at, "expected a number, got '" + text + "'");
        }
    }

    static CutoverException bad(String at, String message) {
        return CutoverException.badInput("config " + at + ": " + message);
    }
}

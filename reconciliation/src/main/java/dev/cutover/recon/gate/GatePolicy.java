package dev.cutover.recon.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.cutover.recon.ReconException;
import dev.cutover.recon.compare.Tolerance;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The gate ({@code --policy gate.yaml}): default thresholds at the top level, per-table overrides
 * under {@code tables:} keyed by table name (e.g. {@code card_transactions}) or comparison name.
 *
 * <pre>
 * max_unexplained: 0          # unexplained differences of a table pair, any kind
 * max_only_in_left: 0         # unexplained rows only the left side has
 * max_only_in_right: 0        # … only the right side has
 * max_mismatch_rate: 0.0      # unexplained mismatched rows / rows on both sides
 * max_explained_rate: 0.05    # explained differences / rows of the larger side (optional)
 * min_rows: 1000
 * stream_latency_p99_max: 5s
 * require_clean_hours: 24
 * tables:
 *   dead_letters:
 *     max_only_in_left: 10
 * </pre>
 *
 * The difference limits apply to unexplained differences only; explained ones (late arrivals,
 * duplicates kept as another copy, late poison) are limited by {@code max_explained_rate} alone,
 * and only when it is set ({@link Thresholds}). Unknown keys and bad values are bad input naming
 * the file, the key and the value.
 */
public record GatePolicy(Thresholds defaults, Map<String, Thresholds> tables) {
    private static final Set<String> KEYS =
            Set.of(
                    "max_unexplained",
                    "max_only_in_left",
                    "max_only_in_right",
                    "max_mismatch_rate",
                    "max_explained_rate",
                    "min_rows",
                    "stream_latency_p99_max",
                    "require_clean_hours");

    /** No policy file: fail on any unexplained difference. */
    public static GatePolicy standard() {
        return new GatePolicy(Thresholds.DEFAULT, Map.of());
    }

    public Thresholds forTable(String comparisonName, String table) {
        Thresholds specific = tables.get(comparisonName);
        if (specific == null) {
            specific = tables.get(table);
        }
        return specific == null ? defaults : specific.over(defaults);
    }

    public static GatePolicy load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw ReconException.badInput("--policy " + file + ": file not found");
        } catch (IOException e) {
            throw ReconException.badInput("--policy " + file + ": cannot read: " + e.getMessage());
        }
        return parse(text, file.toString());
    }

    public static GatePolicy parse(String yaml, String source) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (IOException e) {
            String message = e.getMessage() == null ? "" : e.getMessage().split("\n")[0];
            throw ReconException.badInput(source + ": not valid YAML: " + message);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return new GatePolicy(Thresholds.NONE, Map.of());
        }
        if (!root.isObject()) {
            throw ReconException.badInput(source + ": expected a mapping of thresholds");
        }
        Thresholds defaults = thresholds(root, source, "", true);
        Map<String, Thresholds> tables = new LinkedHashMap<>();
        JsonNode tableNodes = root.get("tables");
        if (tableNodes != null) {
            if (!tableNodes.isObject()) {
                throw ReconException.badInput(source + ": tables: expected a mapping of tables");
            }
            Iterator<Map.Entry<String, JsonNode>> fields = tableNodes.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> table = fields.next();
                String where = "tables." + table.getKey() + ".";
                if (!table.getValue().isObject()) {
                    throw ReconException.badInput(
                            source + ": " + where + ": expected a mapping of thresholds");
                }
                tables.put(table.getKey(), thresholds(table.getValue(), source, where, false));
            }
        }
        return new GatePolicy(defaults, Map.copyOf(tables));
    }

    private static Thresholds thresholds(
            JsonNode node, String source, String prefix, boolean topLevel) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!KEYS.contains(name) && !(topLevel && name.equals("tables"))) {
                throw ReconException.badInput(
                        source + ": unknown key " + prefix + name + " (known: " + KEYS + ")");
            }
        }
        return new Thresholds(
                count(node, "max_unexplained", source, prefix),
                count(node, "max_only_in_left", source, prefix),
                count(node, "max_only_in_right", source, prefix),
                rate(node, "max_mismatch_rate", source, prefix),
                rate(node, "max_explained_rate", source, prefix),
                count(node, "min_rows", source, prefix),
                duration(node, "stream_latency_p99_max", source, prefix),
                count(node, "require_clean_hours", source, prefix) == null
                        ? null
                        : count(node, "require_clean_hours", source, prefix).intValue());
    }

    private static Long count(JsonNode node, String key, String source, String prefix) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.canConvertToExactIntegral() || value.asLong() < 0 || !value.isNumber()) {
            throw bad(source, prefix + key, value, "a non-negative integer");
        }
        return value.asLong();
    }

    private static Double rate(JsonNode node, String key, String source, String prefix) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber() || value.asDouble() < 0 || value.asDouble() > 1) {
            throw bad(source, prefix + key, value, "a number between 0 and 1");
        }
        return value.asDouble();
    }

    private static Duration duration(JsonNode node, String key, String source, String prefix) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            return Duration.ofNanos(
                    new BigDecimal(value.asText()).movePointRight(9).longValue()); // seconds
        }
        try {
            Tolerance parsed = Tolerance.parse(value.asText(), key);
            if (parsed instanceof Tolerance.Time time) {
                return time.amount();
            }
        } catch (ReconException e) {
            // reported below with the file and key
        }
        throw bad(source, prefix + key, value, "a duration such as 5s or 250ms");
    }

    private static ReconException bad(String source, String key, JsonNode value, String expected) {
        return ReconException.badInput(
                source + ": " + key + ": expected " + expected + ", got '" + value.asText() + "'");
    }
}

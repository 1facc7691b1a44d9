package dev.cutover.recon.diff;

import dev.cutover.recon.compare.Tolerance;
import dev.cutover.recon.db.Column;
import dev.cutover.recon.db.ColumnKind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The SQL fragments of one side, built only from catalog column names ({@link Column#quoted()}).
 * The two sides' fragments produce equal text for values equal by meaning, whatever their types:
 * that is what lets checksums of different tables compare.
 */
final class SideSql {
    /** Key hashes are masked to 62 bits: segment bounds then fit a {@code long}. */
    static final long HASH_SPACE = 1L << 62;

    /** Types whose own hash function hashes equal values alike, when both sides share the type. */
    private static final Set<String> RAW_HASH_TYPES =
            Set.of(
                    "numeric",
                    "text",
                    "varchar",
                    "int8",
                    "int4",
                    "int2",
                    "timestamptz",
                    "timestamp");

    private final DiffSpec spec;
    private final Side side;

    SideSql(DiffSpec spec, Side side) {
        this.spec = spec;
        this.side = side;
    }

    private List<Column> keys() {
        return spec.keys().stream().map(k -> k.side(side)).toList();
    }

    /** Keys (as read), then compared and extra values. */
    String selectList() {
        List<String> items = new ArrayList<>();
        keys().forEach(k -> items.add(readExpr(k)));
        spec.valueColumns().forEach(c -> items.add(readExpr(c.side(side))));
        return String.join(", ", items);
    }

    /** Byte-wise ({@code COLLATE "C"}) for text, so both sides and {@code KeyOrder} agree. */
    String orderBy() {
        return keys().stream().map(SideSql::orderExpr).collect(Collectors.joining(", "));
    }

    String table() {
        return spec.side(side).table().sql();
    }

    /** {@code WHERE} with the operator's filter (if any) and further conditions. */
    String where(String... conditions) {
        List<String> parts = new ArrayList<>();
        TableSide tableSide = spec.side(side);
        if (tableSide.filtered()) {
            parts.add("(" + tableSide.where() + ")");
        }
        for (String condition : conditions) {
            parts.add("(" + condition + ")");
        }
        return parts.isEmpty() ? "" : " WHERE " + String.join(" AND ", parts);
    }

    String keysNotNull() {
        return keys().stream()
                .map(k -> k.quoted() + " IS NOT NULL")
                .collect(Collectors.joining(" AND "));
    }

    String keysNull() {
        return "NOT (" + keysNotNull() + ")";
    }

    /** The key's place in the hash space {@code [0, 2^62)}. */
    String keyHash() {
        String text =
                spec.keys().size() == 1
                        ? "(" + hashed(spec.keys().get(0)) + ")::text"
                        : "ROW(" + keyGroup() + ")::text";
        return "(hashtextextended(" + text + ", 0) & " + (HASH_SPACE - 1) + ")";
    }

    /**
     * Key and compared values, tolerance-quantised, hashed into one 64-bit value; summed per
     * segment. Each column is hashed with its own seed (its position) and the column hashes are
     * XORed: columns of the same type on both sides without a tolerance by their type's own hash
     * function (no text conversion), the others as the text of their normalised value ({@link
     * #normalised}). One hash call per column and no row value built: less CPU than one {@code
     * hash_record_extended(ROW(…))} (docs/benchmarks.md). A NULL makes the XOR NULL: such a row is
     * hashed by {@code hash_record_extended} of the same values, which hashes NULLs by position.
     */
    String rowHash() {
        List<ColumnPair> columns = new ArrayList<>(spec.keys());
        columns.addAll(spec.compared());
        List<String> hashes = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            ColumnPair column = columns.get(i);
            int seed = i + 1;
            if (rawHashable(column)) {
                hashes.add(typeHash(column.side(side), seed));
                values.add(column.side(side).quoted());
            } else {
                String text = "(" + hashed(column) + ")::text";
                hashes.add("hashtextextended(" + text + ", " + seed + ")");
                values.add(text);
            }
        }
        return "coalesce("
                + String.join(" # ", hashes)
                + ", hash_record_extended(ROW("
                + String.join(", ", values)
                + "), 0))";
    }

    /** The type's own (extended) hash function of a column, with {@code seed}. */
    private static String typeHash(Column column, int seed) {
        String q = column.quoted();
        return switch (column.pgType()) {
            case "text", "varchar" -> "hashtextextended(" + q + ", " + seed + ")";
            case "int8" -> "hashint8extended(" + q + ", " + seed + ")";
            case "int4" -> "hashint4extended(" + q + ", " + seed + ")";
            case "int2" -> "hashint2extended(" + q + ", " + seed + ")";
            case "numeric" -> "hash_numeric_extended(" + q + ", " + seed + ")";
            case "timestamp" -> "timestamp_hash_extended(" + q + ", " + seed + ")";
            // the UTC wall time by a fixed offset (a subtraction, infinities kept), not by zone
            // name, which looks the zone up and converts through calendar fields per row: a
            // third of this column's cost (docs/benchmarks.md), same hashes
            case "timestamptz" ->
                    "timestamp_hash_extended("
                            + q
                            + " AT TIME ZONE INTERVAL '00:00', "
                            + seed
                            + ")";
            default -> throw new IllegalArgumentException("no raw hash for " + column.pgType());
        };
    }

    private static boolean rawHashable(ColumnPair pair) {
        return pair.tolerance() == null
                && pair.left().pgType().equals(pair.right().pgType())
                && RAW_HASH_TYPES.contains(pair.left().pgType());
    }

    /**
     * This side as the in-database join reads it ({@link JoinDiff}): its rows with non-NULL keys,
     * each as {@code jk0…} (the keys to join on) and {@code jv0…} (the compared values to test),
     * both as they enter a hash ({@link #hashed}: equal by meaning gives equal values), {@code o0…}
     * (the keys to order by, {@link #orderExpr}), and {@code r0…} (the row as {@link #selectList}
     * reads it); only those of {@code rows} when given.
     */
    String joinSource(RowSelection rows) {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < spec.keys().size(); i++) {
            ColumnPair key = spec.keys().get(i);
            items.add(hashed(key) + " AS jk" + i);
            items.add(orderExpr(key.side(side)) + " AS o" + i);
        }
        for (int i = 0; i < spec.compared().size(); i++) {
            items.add(hashed(spec.compared().get(i)) + " AS jv" + i);
        }
        List<Column> read = new ArrayList<>(keys());
        spec.valueColumns().forEach(c -> read.add(c.side(side)));
        for (int i = 0; i < read.size(); i++) {
            items.add(readExpr(read.get(i)) + " AS r" + i);
        }
        String where =
                rows == null ? where(keysNotNull()) : where(keysNotNull(), rows.condition(this));
        return "SELECT " + String.join(", ", items) + " FROM " + table() + where;
    }

    /** The only key column (key-range segments need a single-column key). */
    Column key() {
        if (spec.keys().size() != 1) {
            throw new IllegalStateException("not a single-column key");
        }
        return spec.keys().get(0).side(side);
    }

    /** The key columns as hashed (for grouping duplicate keys). */
    String keyGroup() {
        return spec.keys().stream().map(this::hashed).collect(Collectors.joining(", "));
    }

    /**
     * A column as it enters a hash. Columns of the same type on both sides without a tolerance go
     * in as they are (equal values then have equal text, or at worst a segment is re-checked row by
     * row for nothing); others are normalised by meaning ({@link #normalised}).
     */
    private String hashed(ColumnPair pair) {
        if (pair.tolerance() == null && pair.left().pgType().equals(pair.right().pgType())) {
            return pair.side(side).quoted();
        }
        return normalised(pair.side(side), pair.tolerance());
    }

    static String readExpr(Column column) {
        return column.kind() == ColumnKind.OTHER
                ? "(" + column.quoted() + ")::text"
                : column.quoted();
    }

    static String orderExpr(Column column) {
        return switch (column.kind()) {
            case TEXT, OTHER -> "(" + column.quoted() + ")::text COLLATE \"C\"";
            default -> column.quoted();
        };
    }

    /**
     * A value's canonical text form for hashing. Numbers as trimmed numerics, instants as epoch
     * seconds, with a tolerance as the bucket the value falls in: two values in one bucket are
     * always within the tolerance, values in neighbouring buckets are re-checked row by row.
     */
    static String normalised(Column column, Tolerance tolerance) {
        String q = column.quoted();
        return switch (column.kind()) {
            case NUMBER -> {
                String number = column.isFloat() ? "(" + q + ")::text::numeric" : q + "::numeric";
                if (tolerance instanceof Tolerance.Absolute a && a.amount().signum() > 0) {
                    yield "floor(" + number + " / " + literal(a.amount()) + ")";
                }
                if (tolerance instanceof Tolerance.Relative r && r.fraction().signum() > 0) {
                    yield "CASE WHEN "
                            + number
                            + " = 0 THEN 'zero' ELSE sign("
                            + number
                            + ")::text || ':' || floor(ln(abs("
                            + number
                            + ")) / ln(1 + "
                            + literal(r.fraction())
                            + "))::text END";
                }
                yield "trim_scale(" + number + ")";
            }
            case TIMESTAMP -> {
                String epoch = "extract(epoch from " + q + ")";
                if (tolerance instanceof Tolerance.Time t && t.amount().toNanos() >= 1000) {
                    long micros = t.amount().toNanos() / 1000;
                    yield "floor(" + epoch + " * 1000000 / " + micros + ")";
                }
                yield "trim_scale(" + epoch + ")";
            }
            default -> "(" + q + ")::text";
        };
    }

    private static String literal(BigDecimal number) {
        return number.toPlainString() + "::numeric";
    }
}

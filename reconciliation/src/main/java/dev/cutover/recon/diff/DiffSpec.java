package dev.cutover.recon.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A comparison resolved against both catalogs ({@link DiffPlanner}): every column exists on its
 * side, with its type; nothing here comes unchecked from the command line.
 *
 * @param keys key columns, in order
 * @param compared compared columns (with their tolerance)
 * @param extras columns read but not compared (to explain differences)
 * @param leftKeyUnique whether a unique index guarantees the left key cannot repeat
 * @param hourColumn the left name of the column whose UTC hour groups the per-hour counts, or null
 */
public record DiffSpec(
        String name,
        TableSide left,
        TableSide right,
        List<ColumnPair> keys,
        List<ColumnPair> compared,
        List<ColumnPair> extras,
        boolean leftKeyUnique,
        boolean rightKeyUnique,
        int sampleLimit,
        String hourColumn,
        DifferenceClassifier classifier) {

    public DiffSpec {
        keys = List.copyOf(keys);
        compared = List.copyOf(compared);
        extras = List.copyOf(extras);
        classifier = classifier == null ? DifferenceClassifier.NONE : classifier;
    }

    public DiffSpec withSides(TableSide left, TableSide right) {
        return new DiffSpec(
                name,
                left,
                right,
                keys,
                compared,
                extras,
                leftKeyUnique,
                rightKeyUnique,
                sampleLimit,
                hourColumn,
                classifier);
    }

    public TableSide side(Side side) {
        return side == Side.LEFT ? left : right;
    }

    /** Compared columns, then extras: the order of {@link Row#values()}. */
    public List<ColumnPair> valueColumns() {
        List<ColumnPair> all = new ArrayList<>(compared);
        all.addAll(extras);
        return all;
    }

    public List<String> keyNames() {
        return keys.stream().map(k -> k.left().name()).toList();
    }

    public List<String> comparedNames() {
        return compared.stream().map(ColumnPair::name).toList();
    }

    /** A value of a row by its left column name (a key or a value column); null when absent. */
    public Object value(Row row, String leftName) {
        for (int i = 0; i < keys.size(); i++) {
            if (keys.get(i).left().name().equals(leftName)) {
                return row.key()[i];
            }
        }
        List<ColumnPair> values = valueColumns();
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i).left().name().equals(leftName)) {
                return row.values()[i];
            }
        }
        return null;
    }

    public Stream<ColumnPair> allColumns() {
        return Stream.concat(keys.stream(), valueColumns().stream());
    }
}

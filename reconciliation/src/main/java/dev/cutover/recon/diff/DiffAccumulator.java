package dev.cutover.recon.diff;

import dev.cutover.recon.compare.KeyOrder;
import dev.cutover.recon.compare.Values;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Counts what the merge finds, asks the classifier for causes, keeps bounded samples. */
final class DiffAccumulator {
    private final DiffSpec spec;
    private final int hourIndex;
    private final int hourKeyIndex;
    private long leftRows;
    private long rightRows;
    private long matched;
    private long mismatched;
    private long onlyLeft;
    private long onlyRight;
    private long duplicateLeft;
    private long duplicateRight;
    private long nullLeft;
    private long nullRight;
    private long unexplainedMismatched;
    private long unexplainedOnlyLeft;
    private long unexplainedOnlyRight;
    private final Map<String, Long> columnMismatches = new TreeMap<>();
    private final Map<String, Long> explained = new TreeMap<>();
    private final List<Keyed<MismatchSample>> mismatchSamples = new ArrayList<>();
    private final List<Keyed<RowSample>> onlyLeftSamples = new ArrayList<>();
    private final List<Keyed<RowSample>> onlyRightSamples = new ArrayList<>();
    private final Map<Instant, HourCounts> hours = new TreeMap<>();

    DiffAccumulator(DiffSpec spec) {
        this.spec = spec;
        int index = -1;
        List<ColumnPair> values = spec.valueColumns();
        for (int i = 0; i < values.size() && spec.hourColumn() != null; i++) {
            if (values.get(i).left().name().equals(spec.hourColumn())) {
                index = i;
            }
        }
        this.hourIndex = index;
        int keyIndex = -1;
        for (int i = 0; i < spec.keys().size() && spec.hourColumn() != null; i++) {
            if (spec.keys().get(i).left().name().equals(spec.hourColumn())) {
                keyIndex = i;
            }
        }
        this.hourKeyIndex = keyIndex;
    }

    void rows(Side side, long count) {
        if (side == Side.LEFT) {
            leftRows += count;
        } else {
            rightRows += count;
        }
    }

    void matched(Row left) {
        matched++;
        hour(left, 1, 0, 0);
    }

    /** Rows matched in bulk (clean checksum segments), without per-hour attribution. */
    void matched(long count) {
        matched += count;
    }

    void mismatch(Row left, Row right, List<String> columns) {
        mismatched++;
        columns.forEach(c -> columnMismatches.merge(c, 1L, Long::sum));
        String cause =
                classify(new Difference(Difference.Kind.MISMATCH, left, right, columns), left);
        if (cause == null) {
            unexplainedMismatched++;
        }
        if (mismatchSamples.size() < spec.sampleLimit()) {
            mismatchSamples.add(
                    new Keyed<>(left.key(), mismatchSample(left, right, columns, cause)));
        }
    }

    void onlyIn(Side side, Row row) {
        Difference.Kind kind =
                side == Side.LEFT ? Difference.Kind.ONLY_IN_LEFT : Difference.Kind.ONLY_IN_RIGHT;
        if (side == Side.LEFT) {
            onlyLeft++;
        } else {
            onlyRight++;
        }
        String cause =
                classify(
                        new Difference(
                                kind,
                                side == Side.LEFT ? row : null,
                                side == Side.RIGHT ? row : null,
                                List.of()),
                        row);
        if (cause == null && side == Side.LEFT) {
            unexplainedOnlyLeft++;
        } else if (cause == null) {
            unexplainedOnlyRight++;
        }
        sample(side, row, cause);
    }

    void duplicateKey(Side side, Row row) {
        Difference.Kind kind =
                side == Side.LEFT
                        ? Difference.Kind.DUPLICATE_KEY_LEFT
                        : Difference.Kind.DUPLICATE_KEY_RIGHT;
        if (side == Side.LEFT) {
            duplicateLeft++;
        } else {
            duplicateRight++;
        }
        String cause =
                classify(
                        new Difference(
                                kind,
                                side == Side.LEFT ? row : null,
                                side == Side.RIGHT ? row : null,
                                List.of()),
                        row);
        sample(side, row, cause == null ? "duplicate key (unexplained)" : cause);
    }

    void nullKey(Side side, long count) {
        if (side == Side.LEFT) {
            nullLeft += count;
        } else {
            nullRight += count;
        }
    }

    private void sample(Side side, Row row, String cause) {
        List<Keyed<RowSample>> samples = side == Side.LEFT ? onlyLeftSamples : onlyRightSamples;
        if (samples.size() < spec.sampleLimit()) {
            samples.add(
                    new Keyed<>(row.key(), new RowSample(keyMap(row), valueMap(row, side), cause)));
        }
    }

    private String classify(Difference difference, Row row) {
        Optional<String> cause = spec.classifier().classify(difference, spec);
        cause.ifPresent(c -> explained.merge(c, 1L, Long::sum));
        hour(row, 0, cause.isPresent() ? 1 : 0, cause.isPresent() ? 0 : 1);
        return cause.orElse(null);
    }

    private void hour(Row row, long matched, long explained, long unexplained) {
        Object value =
                hourIndex >= 0
                        ? row.values()[hourIndex]
                        : hourKeyIndex >= 0 ? row.key()[hourKeyIndex] : null;
        if (!(value instanceof Instant time)) {
            return;
        }
        Instant hour = time.truncatedTo(ChronoUnit.HOURS);
        hours.computeIfAbsent(hour, h -> new HourCounts(h, 0, 0, 0));
        hours.computeIfPresent(hour, (h, c) -> c.add(matched, explained, unexplained));
    }

    private Map<String, String> keyMap(Row row) {
        Map<String, String> key = new LinkedHashMap<>();
        for (int i = 0; i < spec.keys().size(); i++) {
            key.put(spec.keys().get(i).name(), Values.display(row.key()[i]));
        }
        return key;
    }

    private Map<String, String> valueMap(Row row, Side side) {
        Map<String, String> values = new LinkedHashMap<>();
        List<ColumnPair> columns = spec.valueColumns();
        for (int i = 0; i < spec.compared().size(); i++) {
            values.put(columns.get(i).side(side).name(), Values.display(row.values()[i]));
        }
        return values;
    }

    private MismatchSample mismatchSample(Row left, Row right, List<String> columns, String cause) {
        List<CellDiff> cells = new ArrayList<>();
        for (int i = 0; i < spec.compared().size(); i++) {
            String name = spec.compared().get(i).name();
            cells.add(
                    new CellDiff(
                            name,
                            Values.display(left.values()[i]),
                            Values.display(right.values()[i]),
                            columns.contains(name)));
        }
        return new MismatchSample(keyMap(left), cells, cause);
    }

    DiffResult result(String mode) {
        return new DiffResult(
                mode,
                leftRows,
                rightRows,
                matched,
                mismatched,
                onlyLeft,
                onlyRight,
                duplicateLeft,
                duplicateRight,
                nullLeft,
                nullRight,
                new LinkedHashMap<>(columnMismatches),
                new LinkedHashMap<>(explained),
                unexplainedMismatched,
                unexplainedOnlyLeft,
                unexplainedOnlyRight,
                unkeyed(mismatchSamples),
                unkeyed(onlyLeftSamples),
                unkeyed(onlyRightSamples),
                List.copyOf(hours.values()));
    }

    /**
     * Adds the counts and samples of another part of the same comparison (a disjoint set of keys):
     * the samples kept are the first ones in key order, as one merge over all keys would keep.
     */
    void absorb(DiffAccumulator other) {
        leftRows += other.leftRows;
        rightRows += other.rightRows;
        matched += other.matched;
        mismatched += other.mismatched;
        onlyLeft += other.onlyLeft;
        onlyRight += other.onlyRight;
        duplicateLeft += other.duplicateLeft;
        duplicateRight += other.duplicateRight;
        nullLeft += other.nullLeft;
        nullRight += other.nullRight;
        unexplainedMismatched += other.unexplainedMismatched;
        unexplainedOnlyLeft += other.unexplainedOnlyLeft;
        unexplainedOnlyRight += other.unexplainedOnlyRight;
        other.columnMismatches.forEach((c, n) -> columnMismatches.merge(c, n, Long::sum));
        other.explained.forEach((c, n) -> explained.merge(c, n, Long::sum));
        other.hours.forEach(
                (hour, counts) ->
                        hours.merge(
                                hour,
                                counts,
                                (a, b) -> a.add(b.matched(), b.explained(), b.unexplained())));
        mergeSamples(mismatchSamples, other.mismatchSamples);
        mergeSamples(onlyLeftSamples, other.onlyLeftSamples);
        mergeSamples(onlyRightSamples, other.onlyRightSamples);
    }

    private <T> void mergeSamples(List<Keyed<T>> mine, List<Keyed<T>> theirs) {
        mine.addAll(theirs);
        mine.sort((a, b) -> KeyOrder.INSTANCE.compare(a.key(), b.key()));
        while (mine.size() > spec.sampleLimit()) {
            mine.remove(mine.size() - 1);
        }
    }

    private static <T> List<T> unkeyed(List<Keyed<T>> samples) {
        return samples.stream().map(Keyed::sample).toList();
    }

    /** A sample with the raw key it was taken at (for merging parts in key order). */
    private record Keyed<T>(Object[] key, T sample) {}
}

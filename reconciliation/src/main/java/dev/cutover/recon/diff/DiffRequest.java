package dev.cutover.recon.diff;

import dev.cutover.recon.compare.Tolerance;
import dev.cutover.recon.db.ConnectionSpec;
import dev.cutover.recon.db.TableRef;
import java.util.List;
import java.util.Map;

/**
 * A comparison as asked for (names not yet checked against the catalogs).
 *
 * @param columns columns to compare (left names); empty: every common column
 * @param ignore columns never compared
 * @param map left name → right name, where they differ
 * @param tolerances per left column
 * @param hourColumn left column whose UTC hour groups the per-hour counts, or null
 * @param extraColumns columns read (not compared) for the classifier
 * @param aggregateBy left column to group per-group aggregates by, or null
 * @param threads parts of the key space the full diff merges at once; 0: the number of CPUs
 */
public record DiffRequest(
        String name,
        ConnectionSpec leftConnection,
        TableRef leftTable,
        String whereLeft,
        ConnectionSpec rightConnection,
        TableRef rightTable,
        String whereRight,
        List<String> keys,
        List<String> columns,
        List<String> ignore,
        Map<String, String> map,
        Map<String, Tolerance> tolerances,
        Mode mode,
        int sampleLimit,
        String hourColumn,
        List<String> extraColumns,
        String aggregateBy,
        DifferenceClassifier classifier,
        int threads) {

    public static final int DEFAULT_SAMPLES = 20;

    public DiffRequest {
        keys = List.copyOf(keys);
        columns = columns == null ? List.of() : List.copyOf(columns);
        ignore = ignore == null ? List.of() : List.copyOf(ignore);
        map = map == null ? Map.of() : Map.copyOf(map);
        tolerances = tolerances == null ? Map.of() : Map.copyOf(tolerances);
        mode = mode == null ? Mode.AUTO : mode;
        extraColumns = extraColumns == null ? List.of() : List.copyOf(extraColumns);
        classifier = classifier == null ? DifferenceClassifier.NONE : classifier;
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be ≥ 0, not " + threads);
        }
    }

    /** The number of threads the full diff uses ({@link #threads}, or the number of CPUs). */
    public int fullDiffThreads() {
        return threads == 0 ? FullDiff.defaultThreads() : threads;
    }

    /** The full diff on {@code threads} threads (0: the number of CPUs). */
    public DiffRequest withThreads(int threads) {
        return new DiffRequest(
                name,
                leftConnection,
                leftTable,
                whereLeft,
                rightConnection,
                rightTable,
                whereRight,
                keys,
                columns,
                ignore,
                map,
                tolerances,
                mode,
                sampleLimit,
                hourColumn,
                extraColumns,
                aggregateBy,
                classifier,
                threads);
    }

    /** A comparison of two tables on one database by key, everything else defaulted. */
    public static DiffRequest of(
            ConnectionSpec connection, TableRef left, TableRef right, List<String> keys) {
        return new DiffRequest(
                left + " vs " + right,
                connection,
                left,
                null,
                connection,
                right,
                null,
                keys,
                List.of(),
                List.of(),
                Map.of(),
                Map.of(),
                Mode.AUTO,
                DEFAULT_SAMPLES,
                null,
                List.of(),
                null,
                null,
                0);
    }

    public DiffRequest withMode(Mode mode) {
        return new DiffRequest(
                name,
                leftConnection,
                leftTable,
                whereLeft,
                rightConnection,
                rightTable,
                whereRight,
                keys,
                columns,
                ignore,
                map,
                tolerances,
                mode,
                sampleLimit,
                hourColumn,
                extraColumns,
                aggregateBy,
                classifier,
                threads);
    }

    public DiffRequest withTolerances(Map<String, Tolerance> tolerances) {
        return new DiffRequest(
                name,
                leftConnection,
                leftTable,
                whereLeft,
                rightConnection,
                rightTable,
                whereRight,
                keys,
                columns,
                ignore,
                map,
                tolerances,
                mode,
                sampleLimit,
                hourColumn,
                extraColumns,
                aggregateBy,
                classifier,
                threads);
    }

    public DiffRequest withColumns(List<String> columns, List<String> ignore) {
        return new DiffRequest(
                name,
                leftConnection,
                leftTable,
                whereLeft,
                rightConnection,
                rightTable,
                whereRight,
                keys,
                columns,
                ignore,
                map,
                tolerances,
                mode,
                sampleLimit,
                hourColumn,
                extraColumns,
                aggregateBy,
                classifier,
                threads);
    }

    public DiffRequest withMap(Map<String, String> map) {
        return new DiffRequest(
                name,
                leftConnection,
                leftTable,
                whereLeft,
                rightConnection,
                rightTable,
                whereRight,
                keys,
                columns,
                ignore,
                map,
                tolerances,
                mode,
                sampleLimit,
                hourColumn,
                extraColumns,
                aggregateBy,
                classifier,
                threads);
    }

    public DiffRequest withWhere(String whereLeft, String whereRight) {
        return new DiffRequest(
                name,
                leftConnection,
                leftTable,
                whereLeft,
                rightConnection,
                rightTable,
                whereRight,
                keys,
                columns,
                ignore,
                map,
                tolerances,
                mode,
                sampleLimit,
                hourColumn,
                extraColumns,
                aggregateBy,
                classifier,
                threads);
    }

    public DiffRequest withName(String name) {
        return new DiffRequest(
                name,
                leftConnection,
                leftTable,
                whereLeft,
                rightConnection,
                rightTable,
                whereRight,
                keys,
                columns,
                ignore,
                map,
                tolerances,
                mode,
                sampleLimit,
                hourColumn,
                extraColumns,
                aggregateBy,
                classifier,
                threads);
    }

    public DiffRequest withRightConnection(ConnectionSpec rightConnection) {
        return new DiffRequest(
                name,
                leftConnection,
                leftTable,
                whereLeft,
                rightConnection,
                rightTable,
                whereRight,
                keys,
                columns,
                ignore,
                map,
                tolerances,
                mode,
                sampleLimit,
                hourColumn,
                extraColumns,
                aggregateBy,
                classifier,
                threads);
    }

    public DiffRequest withSamples(int sampleLimit) {
        return new DiffRequest(
                name,
                leftConnection,
                leftTable,
                whereLeft,
                rightConnection,
                rightTable,
                whereRight,
                keys,
                columns,
                ignore,
                map,
                tolerances,
                mode,
                sampleLimit,
                hourColumn,
                extraColumns,
                aggregateBy,
                classifier,
                threads);
    }

    public DiffRequest withAggregateBy(String aggregateBy) {
        return new DiffRequest(
                name,
                leftConnection,
                leftTable,
                whereLeft,
                rightConnection,
                rightTable,
                whereRight,
                keys,
                columns,
                ignore,
                map,
                tolerances,
                mode,
                sampleLimit,
                hourColumn,
                extraColumns,
                aggregateBy,
                classifier,
                threads);
    }

    /** Per-hour counts by {@code hourColumn}, extra columns and a classifier (parity runs). */
    public DiffRequest withExplanations(
            String hourColumn, List<String> extraColumns, DifferenceClassifier classifier) {
        return new DiffRequest(
                name,
                leftConnection,
                leftTable,
                whereLeft,
                rightConnection,
                rightTable,
                whereRight,
                keys,
                columns,
                ignore,
                map,
                tolerances,
                mode,
                sampleLimit,
                hourColumn,
                extraColumns,
                aggregateBy,
                classifier,
                threads);
    }
}

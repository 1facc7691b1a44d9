package dev.cutover.recon.diff;

/** How rows are compared. */
public enum Mode {
    /** Stream both sides ordered by key and merge them. */
    FULL,
    /** Hash key segments inside PostgreSQL, bisect those that differ, fetch only their rows. */
    CHECKSUM,
    /**
     * Join both tables inside their database and read only the rows that differ ({@link JoinDiff}:
     * one database, a unique key index on each side).
     */
    JOIN,
    /**
     * {@link #FULL} below {@link #LARGE_ROWS} rows, else {@link #JOIN} where it can, else {@link
     * #CHECKSUM}.
     */
    AUTO;

    /**
     * From this many rows (estimated, larger side) on, {@link #AUTO} leaves the comparison to the
     * database ({@link #JOIN} or {@link #CHECKSUM}); below it, {@link #FULL} attributes every
     * matched row to its hour.
     */
    public static final long LARGE_ROWS = 1_000_000L;

    /**
     * What {@link #AUTO} runs for {@code spec} whose larger side holds about {@code estimatedRows}:
     * the join is exact, reads both tables once and hashes nothing (docs/benchmarks.md: as fast as
     * the checksum at 5M rows, faster at 25M, with less database CPU at both), so it is preferred
     * wherever it can run.
     */
    public static Mode auto(DiffSpec spec, long estimatedRows) {
        if (estimatedRows < LARGE_ROWS) {
            return FULL;
        }
        return JoinDiff.unsupported(spec) == null ? JOIN : CHECKSUM;
    }
}

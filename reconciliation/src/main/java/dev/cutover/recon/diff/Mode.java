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
    /** {@link #FULL} below {@link #LARGE_ROWS} rows, else {@link #CHECKSUM}. */
    AUTO;

    /**
     * From this many rows (estimated, larger side) on, {@link #AUTO} leaves the comparison to the
     * database; below it, {@link #FULL} attributes every matched row to its hour.
     */
    public static final long LARGE_ROWS = 1_000_000L;

    /**
     * What {@link #AUTO} runs for a comparison whose larger side holds about {@code estimatedRows}.
     * Not the join, though it is exact and reads less: the checksum was as fast or faster on the
     * pipelines' kind of table (a single key, rows stored in arrival order), and the join only
     * faster on tables stored in key order or with a composite key (docs/benchmarks.md).
     */
    public static Mode auto(long estimatedRows) {
        return estimatedRows < LARGE_ROWS ? FULL : CHECKSUM;
    }
}

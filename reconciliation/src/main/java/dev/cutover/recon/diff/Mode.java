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
    /** {@link #CHECKSUM} from {@link DiffSpec#AUTO_CHECKSUM_ROWS} rows on, else {@link #FULL}. */
    AUTO
}

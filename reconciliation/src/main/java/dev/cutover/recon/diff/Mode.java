package dev.cutover.recon.diff;

/** How rows are compared. */
public enum Mode {
    /** Stream both sides ordered by key and merge them. */
    FULL,
    /** Hash key segments inside PostgreSQL, bisect those that differ, fetch only their rows. */
    CHECKSUM,
    /** {@link #CHECKSUM} from {@link DiffSpec#AUTO_CHECKSUM_ROWS} rows on, else {@link #FULL}. */
    AUTO
}

package dev.cutover.recon.diff;

import java.util.List;

/**
 * Which rows of a side a merge reads ({@link FullDiff}): a condition on that side's columns and the
 * values it binds. Key-hash {@link Segments} and {@link KeyRanges} segments are the two kinds.
 */
interface RowSelection {
    /** The condition, built from {@code sql}'s catalog column names; NULL keys never match. */
    String condition(SideSql sql);

    /** The condition's parameters, in order; the same on both sides. */
    List<Object> parameters();
}

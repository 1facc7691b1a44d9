package dev.cutover.recon.diff;

/** One cell of a sample mismatching row: both values as shown, and whether they differ. */
public record CellDiff(String column, String left, String right, boolean differs) {}

package dev.cutover.recon.diff;

import java.util.List;

/** One group of a per-group aggregate comparison: its counts and metrics side by side. */
public record GroupDiff(
        String group, long leftCount, long rightCount, List<CellDiff> metrics, boolean equal) {}

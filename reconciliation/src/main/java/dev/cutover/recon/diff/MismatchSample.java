package dev.cutover.recon.diff;

import java.util.List;
import java.util.Map;

/** A row present on both sides with differing values, side by side. */
public record MismatchSample(Map<String, String> key, List<CellDiff> cells, String cause) {}

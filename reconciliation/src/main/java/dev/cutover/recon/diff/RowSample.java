package dev.cutover.recon.diff;

import java.util.Map;

/** A row present on one side only (or a duplicate key), with the cause when one applies. */
public record RowSample(Map<String, String> key, Map<String, String> values, String cause) {}

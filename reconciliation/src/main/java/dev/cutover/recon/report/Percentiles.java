package dev.cutover.recon.report;

/** Latency percentiles in seconds over {@code count} rows. */
public record Percentiles(long count, double p50, double p95, double p99, double max) {}

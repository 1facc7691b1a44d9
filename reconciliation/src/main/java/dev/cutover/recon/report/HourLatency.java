package dev.cutover.recon.report;

import java.time.Instant;

/** Latency percentiles of one event hour. */
public record HourLatency(Instant hour, Percentiles latency) {}

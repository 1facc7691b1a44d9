package dev.cutover.recon.report;

import java.util.List;

/**
 * A pipeline's latency, {@code written_at − event_time} ({@code sinceEvent}) and {@code written_at
 * − kafka_timestamp} ({@code sinceKafka}), overall and per event hour, with the CDF of {@code
 * sinceEvent} for the chart.
 */
public record PipelineLatency(
        String pipeline,
        Percentiles sinceEvent,
        Percentiles sinceKafka,
        List<HourLatency> hours,
        List<CdfPoint> cdf) {}

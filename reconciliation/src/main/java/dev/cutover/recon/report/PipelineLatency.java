package dev.cutover.recon.report;

import java.util.List;

/**
 * A pipeline's latency, {@code written_at − event_time} ({@code sinceEvent}) and {@code written_at
 * − kafka_timestamp} ({@code sinceKafka}) on the load's clock, overall and per event hour, with the
 * CDF of {@code sinceEvent} for the chart; and {@code written_at − kafka_timestamp} on the wall
 * clock ({@code wallSinceKafka}): what the pipeline really took, whatever the load's speedup. The
 * two clocks are one unless the run compressed time.
 *
 * @param clock the load's clock: {@code wall clock}, or e.g. {@code simulated clock at ×90}
 */
public record PipelineLatency(
        String pipeline,
        String clock,
        Percentiles sinceEvent,
        Percentiles sinceKafka,
        Percentiles wallSinceKafka,
        List<HourLatency> hours,
        List<CdfPoint> cdf) {}

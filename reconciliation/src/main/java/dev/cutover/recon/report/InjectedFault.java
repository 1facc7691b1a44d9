package dev.cutover.recon.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.time.Instant;

/**
 * A fault a chaos run injected while the pipelines ran ({@code cutover demo --chaos}), listed in
 * the report so a reader can line differences (or their absence) up with it.
 *
 * @param kind what was done, e.g. {@code flink-taskmanager-kill}, {@code kafka-restart}, {@code
 *     postgres-restart}
 * @param startedAt when it was injected (wall clock)
 * @param recoveredAt when the service was back (wall clock), or null when it never came back
 * @param simulatedAt the load's simulated time when it was injected
 * @param outcome how it ended, e.g. "job restored from checkpoint 7"
 * @param restoredCheckpoint for a TaskManager kill: the checkpoint the job was restored from, as
 *     Flink's REST API reported it; else null
 * @param restores for a TaskManager kill: how many times the job had been restored from a
 *     checkpoint once it recovered, as Flink's REST API reported it; else null
 */
public record InjectedFault(
        String kind,
        Instant startedAt,
        Instant recoveredAt,
        Instant simulatedAt,
        String outcome,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long restoredCheckpoint,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long restores) {

    /** A fault without restore figures (a service restart). */
    public InjectedFault(
            String kind,
            Instant startedAt,
            Instant recoveredAt,
            Instant simulatedAt,
            String outcome) {
        this(kind, startedAt, recoveredAt, simulatedAt, outcome, null, null);
    }

    /** From injection until the service was back; null when it never came back. */
    @JsonIgnore
    public Duration downtime() {
        return recoveredAt == null ? null : Duration.between(startedAt, recoveredAt);
    }

    /** {@link #downtime()} in milliseconds, for the JSON report. */
    @JsonProperty("downtime_ms")
    public Long downtimeMillis() {
        return recoveredAt == null ? null : downtime().toMillis();
    }
}

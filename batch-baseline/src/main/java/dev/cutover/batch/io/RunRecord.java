package dev.cutover.batch.io;

import dev.cutover.batch.pipeline.HourWindow;
import java.time.Instant;
import java.util.UUID;

/**
 * What {@code runs} keeps of one run.
 *
 * @param offsetsFromRun the earlier run whose offsets this one reused, or null
 */
public record RunRecord(
        UUID runId,
        HourWindow window,
        TopicOffsets offsets,
        UUID offsetsFromRun,
        long recordsRead,
        Instant startedAt) {}

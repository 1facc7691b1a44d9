package dev.cutover.recon.diff;

import java.util.List;

/**
 * Per-group aggregates of both sides (count, and sum/min/max of each numeric compared column).
 *
 * @param groups differing groups first, at most {@link GroupAggregates#MAX_SHOWN}
 */
public record AggregateResult(
        String groupBy, long groupCount, long differingGroups, List<GroupDiff> groups) {}

package dev.cutover.recon.gate;

import java.time.Duration;

/**
 * The limits of a gate; {@code null} means no limit. Per table, unset values fall back to the
 * policy's defaults ({@link #over}).
 *
 * <p>Every limit on differences applies to the <b>unexplained</b> ones only (a late arrival after
 * the batch's cutoff, a duplicate kept as another copy, poison after the last cutoff never fail
 * them): {@code maxUnexplained} to all of them, {@code maxOnlyInLeft} / {@code maxOnlyInRight} to
 * the unexplained rows only one side has, {@code maxMismatchRate} to the unexplained mismatched
 * rows over the rows both sides have. Explained differences have their own, optional limit: {@code
 * maxExplainedRate}, the explained differences over the rows of the larger side.
 */
public record Thresholds(
        Long maxUnexplained,
        Long maxOnlyInLeft,
        Long maxOnlyInRight,
        Double maxMismatchRate,
        Double maxExplainedRate,
        Long minRows,
        Duration streamLatencyP99Max,
        Integer requireCleanHours) {

    /** Without a policy: no unexplained difference. */
    public static final Thresholds DEFAULT =
            new Thresholds(0L, null, null, null, null, null, null, null);

    public static final Thresholds NONE =
            new Thresholds(null, null, null, null, null, null, null, null);

    /** These values where set, else {@code base}'s. */
    public Thresholds over(Thresholds base) {
        return new Thresholds(
                maxUnexplained != null ? maxUnexplained : base.maxUnexplained,
                maxOnlyInLeft != null ? maxOnlyInLeft : base.maxOnlyInLeft,
                maxOnlyInRight != null ? maxOnlyInRight : base.maxOnlyInRight,
                maxMismatchRate != null ? maxMismatchRate : base.maxMismatchRate,
                maxExplainedRate != null ? maxExplainedRate : base.maxExplainedRate,
                minRows != null ? minRows : base.minRows,
                streamLatencyP99Max != null ? streamLatencyP99Max : base.streamLatencyP99Max,
                requireCleanHours != null ? requireCleanHours : base.requireCleanHours);
    }
}

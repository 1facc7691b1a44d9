package dev.cutover.recon.diff;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * What a comparison found. Keys that repeat on a side count once under {@code duplicateKeys*} (and
 * not as matched, mismatched or only-on-one-side); rows with a NULL key part count under {@code
 * nullKeys*}. {@link #unexplained()} is every difference minus those explained; {@code
 * unexplainedMismatched}, {@code unexplainedOnlyInLeft} and {@code unexplainedOnlyInRight} are the
 * rows of each kind that no cause explained (counted where the causes are applied), which the
 * gate's per-kind limits apply to.
 */
@JsonPropertyOrder({ // the components, then the derived figures: a stable order for the JSON
    "mode",
    "leftRows",
    "rightRows",
    "matchedRows",
    "mismatchedRows",
    "onlyInLeft",
    "onlyInRight",
    "duplicateKeysLeft",
    "duplicateKeysRight",
    "nullKeysLeft",
    "nullKeysRight",
    "columnMismatches",
    "explained",
    "unexplainedMismatched",
    "unexplainedOnlyInLeft",
    "unexplainedOnlyInRight",
    "mismatches",
    "onlyInLeftSamples",
    "onlyInRightSamples",
    "hours",
    "unexplained",
    "differences",
    "mismatch_rate"
})
public record DiffResult(
        String mode,
        long leftRows,
        long rightRows,
        long matchedRows,
        long mismatchedRows,
        long onlyInLeft,
        long onlyInRight,
        long duplicateKeysLeft,
        long duplicateKeysRight,
        long nullKeysLeft,
        long nullKeysRight,
        Map<String, Long> columnMismatches,
        Map<String, Long> explained,
        long unexplainedMismatched,
        long unexplainedOnlyInLeft,
        long unexplainedOnlyInRight,
        List<MismatchSample> mismatches,
        List<RowSample> onlyInLeftSamples,
        List<RowSample> onlyInRightSamples,
        List<HourCounts> hours) {

    @JsonProperty("differences")
    public long differences() {
        return mismatchedRows
                + onlyInLeft
                + onlyInRight
                + duplicateKeysLeft
                + duplicateKeysRight
                + nullKeysLeft
                + nullKeysRight;
    }

    @JsonIgnore
    public long explainedTotal() {
        return explained.values().stream().mapToLong(Long::longValue).sum();
    }

    @JsonProperty("unexplained")
    public long unexplained() {
        return differences() - explainedTotal();
    }

    /** Mismatched rows over rows present on both sides (0 when none). */
    @JsonProperty("mismatch_rate")
    public double mismatchRate() {
        long both = matchedRows + mismatchedRows;
        return both == 0 ? 0.0 : (double) mismatchedRows / both;
    }

    /** Unexplained mismatched rows over rows present on both sides (0 when none). */
    @JsonIgnore
    public double unexplainedMismatchRate() {
        long both = matchedRows + mismatchedRows;
        return both == 0 ? 0.0 : (double) unexplainedMismatched / both;
    }

    /** Explained differences over the rows of the larger side (0 when both are empty). */
    @JsonIgnore
    public double explainedRate() {
        long rows = Math.max(leftRows, rightRows);
        return rows == 0 ? 0.0 : (double) explainedTotal() / rows;
    }

    /** The same counts without samples and hours, for comparing two modes. */
    @JsonIgnore
    public DiffResult countsOnly() {
        return new DiffResult(
                "",
                leftRows,
                rightRows,
                matchedRows,
                mismatchedRows,
                onlyInLeft,
                onlyInRight,
                duplicateKeysLeft,
                duplicateKeysRight,
                nullKeysLeft,
                nullKeysRight,
                columnMismatches,
                explained,
                unexplainedMismatched,
                unexplainedOnlyInLeft,
                unexplainedOnlyInRight,
                List.of(),
                List.of(),
                List.of(),
                List.of());
    }
}

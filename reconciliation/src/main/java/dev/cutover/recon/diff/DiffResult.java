package dev.cutover.recon.diff;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * What a comparison found. Keys that repeat on a side count once under {@code duplicateKeys*} (and
 * not as matched, mismatched or only-on-one-side); rows with a NULL key part count under {@code
 * nullKeys*}. {@link #unexplained()} is every difference minus those explained.
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
                List.of(),
                List.of(),
                List.of(),
                List.of());
    }
}

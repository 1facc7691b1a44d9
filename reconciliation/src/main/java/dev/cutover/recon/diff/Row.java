package dev.cutover.recon.diff;

/**
 * One row as read: its key values, then the compared values, then the extra values read for
 * explanations, all normalised by {@link dev.cutover.recon.compare.Values}.
 */
public record Row(Object[] key, Object[] values) {
    public boolean hasNullKey() {
        for (Object part : key) {
            if (part == null) {
                return true;
            }
        }
        return false;
    }
}

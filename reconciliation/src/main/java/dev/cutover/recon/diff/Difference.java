package dev.cutover.recon.diff;

import java.util.List;

/**
 * One difference between the sides.
 *
 * @param left the left row ({@code null} when only on the right)
 * @param right the right row ({@code null} when only on the left)
 * @param columns the differing compared columns (mismatches only)
 */
public record Difference(Kind kind, Row left, Row right, List<String> columns) {
    /** What differs. */
    public enum Kind {
        MISMATCH,
        ONLY_IN_LEFT,
        ONLY_IN_RIGHT,
        DUPLICATE_KEY_LEFT,
        DUPLICATE_KEY_RIGHT,
        NULL_KEY_LEFT,
        NULL_KEY_RIGHT
    }
}

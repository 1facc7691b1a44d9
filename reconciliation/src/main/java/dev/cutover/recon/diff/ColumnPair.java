package dev.cutover.recon.diff;

import dev.cutover.recon.compare.Tolerance;
import dev.cutover.recon.db.Column;

/**
 * A left column and the right column it is compared with ({@code --map} when names differ).
 *
 * @param tolerance {@code null} when values must be equal
 */
public record ColumnPair(Column left, Column right, Tolerance tolerance) {
    /** The name reports use: the left name, or {@code left→right} when mapped. */
    public String name() {
        return left.name().equals(right.name()) ? left.name() : left.name() + "→" + right.name();
    }

    public Column side(Side side) {
        return side == Side.LEFT ? left : right;
    }
}

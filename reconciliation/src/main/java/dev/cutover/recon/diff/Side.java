package dev.cutover.recon.diff;

/** One of the two tables of a comparison. */
public enum Side {
    LEFT,
    RIGHT;

    public String label() {
        return this == LEFT ? "left" : "right";
    }
}

package dev.cutover.loadgen.generate;

/** What a generated record is. */
public enum RecordKind {
    /** A transaction sent for the first time. */
    EVENT,
    /** An earlier transaction sent again: same key, same value bytes. */
    DUPLICATE,
    /** A value no decoder can read. */
    POISON
}

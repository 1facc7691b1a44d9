package dev.cutover.loadgen.generate;

/** The kinds of undecodable values the generator sends, in equal shares. */
public enum PoisonKind {
    /** A valid record whose first byte is not the magic byte 0. */
    WRONG_MAGIC_BYTE("wrong-magic-byte"),
    /** A valid record under a schema id the registry does not have. */
    UNKNOWN_SCHEMA_ID("unknown-schema-id"),
    /** A valid header and the first part of a record's body only. */
    TRUNCATED_BODY("truncated-body"),
    /** A valid header followed by random bytes (starting with a negative string length). */
    RANDOM_BYTES("random-bytes");

    private final String label;

    PoisonKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

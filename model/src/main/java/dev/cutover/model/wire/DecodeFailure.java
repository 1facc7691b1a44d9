package dev.cutover.model.wire;

/**
 * Why a Kafka value could not be decoded. The {@link #code()} is what dead-letter tables store in
 * their {@code reason} column, so both pipelines and the ground truth agree on it.
 */
public enum DecodeFailure {
    /** Null or zero-length value. */
    EMPTY("empty"),
    /** Fewer than the five header bytes (magic byte + schema id). */
    TOO_SHORT("too-short"),
    /** The first byte is not the Confluent magic byte 0. */
    BAD_MAGIC_BYTE("bad-magic-byte"),
    /** The registry has no schema with the id in the header. */
    UNKNOWN_SCHEMA_ID("unknown-schema-id"),
    /** The Avro body ends before the record does. */
    TRUNCATED_BODY("truncated-body"),
    /** The Avro body is not a valid encoding of the writer schema (or has trailing bytes). */
    CORRUPT_BODY("corrupt-body"),
    /** The writer schema cannot be resolved to the reader schema. */
    SCHEMA_RESOLUTION("schema-resolution");

    private final String code;

    DecodeFailure(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}

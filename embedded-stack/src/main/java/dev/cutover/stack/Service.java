package dev.cutover.stack;

/** The services the embedded stack can start. */
public enum Service {
    KAFKA("Kafka"),
    SCHEMA_REGISTRY("Schema registry"),
    POSTGRES("PostgreSQL");

    private final String displayName;

    Service(String displayName) {
        this.displayName = displayName;
    }

    /** A name for messages, e.g. {@code "Schema registry"}. */
    public String displayName() {
        return displayName;
    }
}

package dev.cutover.recon.db;

/**
 * A column as the catalog knows it.
 *
 * @param name the name exactly as stored in the catalog
 * @param pgType the type's udt name (e.g. {@code int8}, {@code timestamptz})
 * @param kind how its values compare
 */
public record Column(String name, String pgType, ColumnKind kind) {
    public String quoted() {
        return Sql.quote(name);
    }

    /** Float types whose exact text form is their value (compared through {@code ::text}). */
    public boolean isFloat() {
        return pgType.equals("float4") || pgType.equals("float8");
    }
}

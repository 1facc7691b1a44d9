package dev.cutover.testkit;

/**
 * A PostgreSQL schema no other test in the JVM gets; it exists when the test receives it.
 *
 * @param name the schema's name (lower case, a valid unquoted identifier)
 */
public record TestSchema(String name) {

    /** {@code name.table}. */
    public String qualify(String table) {
        return name + "." + table;
    }
}

package dev.cutover.recon.diff;

import dev.cutover.recon.db.ConnectionSpec;
import dev.cutover.recon.db.TableRef;

/**
 * One side of a comparison.
 *
 * @param where an optional SQL predicate ({@code --where-left/--where-right}) written by the
 *     operator; it runs in a read-only transaction
 * @param snapshot the {@link SharedSnapshot} every read of this side starts from, or null
 */
public record TableSide(ConnectionSpec connection, TableRef table, String where, String snapshot) {
    public TableSide(ConnectionSpec connection, TableRef table, String where) {
        this(connection, table, where, null);
    }

    public TableSide withSnapshot(String id) {
        return new TableSide(connection, table, where, id);
    }

    public boolean filtered() {
        return where != null && !where.isBlank();
    }
}

package dev.cutover.recon.diff;

import dev.cutover.recon.db.ConnectionSpec;
import dev.cutover.recon.db.TableRef;

/**
 * One side of a comparison.
 *
 * @param where an optional SQL predicate ({@code --where-left/--where-right}) written by the
 *     operator; it runs in a read-only transaction
 */
public record TableSide(ConnectionSpec connection, TableRef table, String where) {
    public boolean filtered() {
        return where != null && !where.isBlank();
    }
}

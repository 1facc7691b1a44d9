package dev.cutover.recon.diff;

import dev.cutover.recon.db.ConnectionSpec;
import dev.cutover.recon.db.TableRef;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The planner's row estimate of a table ({@code pg_class.reltuples}; 0 when never analysed). */
public final class TableStats {
    private TableStats() {}

    /** The larger side's estimate. */
    public static long estimatedRows(DiffSpec spec) {
        return Math.max(
                estimatedRows(spec.left().connection(), spec.left().table()),
                estimatedRows(spec.right().connection(), spec.right().table()));
    }

    public static long estimatedRows(ConnectionSpec connection, TableRef table) {
        try (Connection c = connection.open();
                PreparedStatement statement =
                        c.prepareStatement(
                                "SELECT reltuples::bigint FROM pg_catalog.pg_class"
                                        + " WHERE oid = to_regclass(?)")) {
            statement.setString(1, table.sql());
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Math.max(0, rows.getLong(1)) : 0;
            }
        } catch (SQLException e) {
            throw ConnectionSpec.translate(e, "estimating the size of " + table);
        }
    }
}

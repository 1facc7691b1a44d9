package dev.cutover.recon.diff;

import dev.cutover.recon.db.ConnectionSpec;
import dev.cutover.recon.db.TableRef;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * What the planner's statistics say of a table: its rows, and whether it is stored in key order.
 */
public final class TableStats {
    private TableStats() {}

    /** The larger side's estimate. */
    public static long estimatedRows(DiffSpec spec) {
        return Math.max(
                estimatedRows(spec.left().connection(), spec.left().table()),
                estimatedRows(spec.right().connection(), spec.right().table()));
    }

    /** Whether {@code column}'s values follow the table's physical order (the planner's view). */
    static final double ORDERED_CORRELATION = 0.9;

    /**
     * Whether both tables are stored in the order of their first key column: its {@code
     * pg_stats.correlation} is at least {@value #ORDERED_CORRELATION} in absolute value on each
     * side (false when a table was never analysed).
     */
    public static boolean storedInKeyOrder(DiffSpec spec) {
        ColumnPair first = spec.keys().get(0);
        return storedInOrder(spec.left(), first.left().name())
                && storedInOrder(spec.right(), first.right().name());
    }

    private static boolean storedInOrder(TableSide side, String column) {
        try (Connection c = side.connection().open();
                PreparedStatement statement =
                        c.prepareStatement(
                                "SELECT abs(correlation) FROM pg_catalog.pg_stats WHERE schemaname"
                                        + " = ? AND tablename = ? AND attname = ?")) {
            statement.setString(1, side.table().schema());
            statement.setString(2, side.table().table());
            statement.setString(3, column);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() && rows.getDouble(1) >= ORDERED_CORRELATION;
            }
        } catch (SQLException e) {
            throw ConnectionSpec.translate(e, "reading the statistics of " + side.table());
        }
    }

    /** The planner's row estimate ({@code pg_class.reltuples}; 0 when never analysed). */
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

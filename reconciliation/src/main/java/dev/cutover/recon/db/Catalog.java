package dev.cutover.recon.db;

import dev.cutover.recon.ReconException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads tables from PostgreSQL's catalog. Names from the command line are only ever bound as
 * parameters here; SQL text is built from the names the catalog returns.
 */
public final class Catalog {
    private static final String COLUMNS = Sql.resource("catalog_columns.sql");
    private static final String UNIQUE = Sql.resource("catalog_unique_keys.sql");

    private Catalog() {}

    /** The table's columns, or a bad-input error when the table does not exist. */
    public static TableDescription describe(Connection connection, String side, TableRef table)
            throws SQLException {
        List<Column> columns = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(COLUMNS)) {
            statement.setString(1, table.schema());
            statement.setString(2, table.table());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String type = rows.getString(2);
                    columns.add(new Column(rows.getString(1), type, ColumnKind.ofPgType(type)));
                }
            }
        }
        if (columns.isEmpty()) {
            throw ReconException.badInput(side + " table " + table + " not found");
        }
        List<Set<String>> unique = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(UNIQUE)) {
            statement.setString(1, table.schema());
            statement.setString(2, table.table());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String[] names = (String[]) rows.getArray(1).getArray();
                    unique.add(new HashSet<>(List.of(names)));
                }
            }
        }
        return new TableDescription(side, table, List.copyOf(columns), List.copyOf(unique));
    }

    /** Whether the table exists (for parity runs, where truth is optional). */
    public static boolean exists(Connection connection, TableRef table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(COLUMNS)) {
            statement.setString(1, table.schema());
            statement.setString(2, table.table());
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }
}

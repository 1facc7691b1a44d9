package dev.cutover.testkit;

import dev.cutover.stack.StackEndpoints;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Running SQL against the stack's PostgreSQL, one connection per call, for tests. */
public final class Jdbc {

    private Jdbc() {}

    /** A new connection; the caller closes it. */
    public static Connection connect(StackEndpoints endpoints) throws SQLException {
        return DriverManager.getConnection(
                endpoints.jdbcUrl(), endpoints.jdbcUser(), endpoints.jdbcPassword());
    }

    /**
     * Runs one statement ({@code ?} placeholders bound to {@code parameters}) in auto-commit.
     *
     * @return the update count, or 0 for statements that return none (DDL)
     */
    public static int execute(StackEndpoints endpoints, String sql, Object... parameters)
            throws SQLException {
        try (Connection connection = connect(endpoints);
                PreparedStatement statement = prepare(connection, sql, parameters)) {
            statement.execute();
            return Math.max(statement.getUpdateCount(), 0);
        }
    }

    /**
     * Runs a query ({@code ?} placeholders bound to {@code parameters}).
     *
     * @return one map per row, column label (as the driver gives it, lower case unless quoted) to
     *     value, in column order
     */
    public static List<Map<String, Object>> query(
            StackEndpoints endpoints, String sql, Object... parameters) throws SQLException {
        try (Connection connection = connect(endpoints);
                PreparedStatement statement = prepare(connection, sql, parameters);
                ResultSet rows = statement.executeQuery()) {
            ResultSetMetaData meta = rows.getMetaData();
            List<Map<String, Object>> result = new ArrayList<>();
            while (rows.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int column = 1; column <= meta.getColumnCount(); column++) {
                    row.put(meta.getColumnLabel(column), rows.getObject(column));
                }
                result.add(row);
            }
            return result;
        }
    }

    private static PreparedStatement prepare(
            Connection connection, String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement;
        } catch (SQLException e) {
            statement.close();
            throw e;
        }
    }
}

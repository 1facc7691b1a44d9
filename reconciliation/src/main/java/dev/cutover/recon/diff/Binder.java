package dev.cutover.recon.diff;

import dev.cutover.recon.ReconException;
import dev.cutover.recon.db.ConnectionSpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Binds statement parameters ({@code long[]} as a bigint array, {@code String[]} as a text array)
 * and translates SQL errors.
 */
final class Binder {
    private Binder() {}

    static void bind(Connection connection, PreparedStatement statement, List<Object> parameters)
            throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            Object parameter = parameters.get(i);
            if (parameter instanceof long[] array) {
                Long[] boxed = new Long[array.length];
                for (int j = 0; j < array.length; j++) {
                    boxed[j] = array[j];
                }
                statement.setArray(i + 1, connection.createArrayOf("bigint", boxed));
            } else if (parameter instanceof String[] texts) {
                statement.setArray(i + 1, connection.createArrayOf("text", texts));
            } else {
                statement.setObject(i + 1, parameter);
            }
        }
    }

    /** Errors in the operator's filters or types are bad input; the rest infrastructure. */
    static ReconException translate(SQLException e, String what) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.startsWith("42") || state.startsWith("22") || state.startsWith("25")) {
            return ReconException.badInput(what + ": " + firstLine(e.getMessage()));
        }
        return ConnectionSpec.translate(e, what);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}

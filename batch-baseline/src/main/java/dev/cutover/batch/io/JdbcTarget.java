package dev.cutover.batch.io;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** Where the batch writes: a PostgreSQL / Aurora PostgreSQL database and the output schema. */
public record JdbcTarget(String url, String user, String password, String schema) {
    public JdbcTarget {
        if (!schema.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain schema name: " + schema);
        }
    }

    public Connection connect() throws SQLException {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        return DriverManager.getConnection(url, properties);
    }

    @Override
    public String toString() {
        return "JdbcTarget[" + url + ", user=" + user + ", schema=" + schema + "]";
    }
}

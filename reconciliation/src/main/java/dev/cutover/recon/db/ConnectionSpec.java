package dev.cutover.recon.db;

import dev.cutover.contract.Redact;
import dev.cutover.recon.ReconException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Where one side's database is. {@link #toString()} and {@link #redactedUrl()} never show the
 * password (nor a {@code password=} query parameter or user info in the URL).
 */
public final class ConnectionSpec {
    private final String url;
    private final String user;
    private final String password;

    public ConnectionSpec(String url, String user, String password) {
        if (url == null || url.isBlank()) {
            throw ReconException.badInput("missing JDBC URL");
        }
        if (!url.startsWith("jdbc:postgresql:")) {
            throw ReconException.badInput(
                    "JDBC URL "
                            + Redact.jdbcUrl(url)
                            + ": only jdbc:postgresql: URLs are supported");
        }
        this.url = url.strip();
        this.user = user;
        this.password = password;
    }

    /**
     * Opens a read-only connection; unreachable is an infrastructure error, bad login bad input.
     */
    public Connection open() {
        Properties properties = new Properties();
        if (user != null && !user.isBlank()) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("ApplicationName", "cutover-reconcile");
        try {
            return DriverManager.getConnection(url, properties);
        } catch (SQLException e) {
            throw translate(e, "cannot connect to " + redactedUrl());
        }
    }

    /** Same database as {@code other}: both sides can be read through one connection string. */
    public boolean sameAs(ConnectionSpec other) {
        return url.equals(other.url) && java.util.Objects.equals(user, other.user);
    }

    public String redactedUrl() {
        return Redact.jdbcUrl(url);
    }

    /** An SQL error as a typed error whose message holds no secret. */
    public static ReconException translate(SQLException e, String what) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String message = what + ": " + firstLine(e.getMessage());
        if (state.startsWith("28") || state.equals("3D000")) {
            return ReconException.badInput(message);
        }
        return ReconException.infrastructure(message, e);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    @Override
    public String toString() {
        return redactedUrl();
    }
}

package dev.cutover.loadgen.truth;

import dev.cutover.model.db.OutputTables;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a {@link TruthReport} into the output tables of one database schema ({@code truth} by
 * default), replacing what a previous run left there, in one transaction with batched inserts
 * ({@code reWriteBatchedInserts=true}). The SQL is in {@code loadgen/truth_insert.sql}.
 */
public final class TruthWriter {
    public static final String DEFAULT_SCHEMA = "truth";
    private static final Logger LOG = LoggerFactory.getLogger(TruthWriter.class);
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final int BATCH = 5_000;

    private final String jdbcUrl;
    private final Properties properties;
    private final String schema;

    public TruthWriter(String jdbcUrl, String user, String password, String schema) {
        if (!IDENTIFIER.matcher(schema).matches()) {
            throw new IllegalArgumentException("not a schema name: '" + schema + "'");
        }
        this.jdbcUrl = jdbcUrl;
        this.schema = schema;
        this.properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("reWriteBatchedInserts", "true");
    }

    /** Creates the output tables in the schema if missing (Flyway; a no-op when up to date). */
    public void migrate() {
        OutputTables.migrateSchema(
                jdbcUrl,
                properties.getProperty("user"),
                properties.getProperty("password"),
                schema);
    }

    public void write(TruthReport report) throws SQLException {
        Map<String, String> sql = statements(schema);
        long started = System.nanoTime();
        try (Connection connection = DriverManager.getConnection(jdbcUrl, properties)) {
            connection.setAutoCommit(false);
            try {
                try (Statement clear = connection.createStatement()) {
                    clear.execute(sql.get("clear"));
                }
                writeTransactions(connection, sql.get("card_transactions"), report.transactions());
                writeSpend(connection, sql.get("account_hourly_spend"), report.hourlySpend());
                writeDeadLetters(connection, sql.get("dead_letters"), report.deadLetters());
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
        LOG.info(
                "wrote the truth into schema {}: {} transactions, {} account-hours, {} dead letters"
                        + " in {} ms",
                schema,
                report.transactions().size(),
                report.hourlySpend().size(),
                report.deadLetters().size(),
                (System.nanoTime() - started) / 1_000_000);
    }

    private static void writeTransactions(
            Connection connection, String sql, List<TruthTransaction> rows) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            int pending = 0;
            for (TruthTransaction r : rows) {
                insert.setString(1, r.transactionId());
                insert.setString(2, r.accountId());
                insert.setTimestamp(3, Timestamp.from(r.eventTime()));
                insert.setTimestamp(4, Timestamp.from(r.eventHour()));
                insert.setBigDecimal(5, r.amount());
                insert.setString(6, r.currency());
                insert.setBigDecimal(7, r.amountUsd());
                insert.setString(8, r.merchantCategory());
                insert.setString(9, r.status());
                insert.setBoolean(10, r.international());
                insert.setString(11, r.maskedCard());
                insert.setTimestamp(12, Timestamp.from(r.kafkaTimestamp()));
                insert.addBatch();
                if (++pending == BATCH) {
                    insert.executeBatch();
                    pending = 0;
                }
            }
            insert.executeBatch();
        }
    }

    private static void writeSpend(Connection connection, String sql, List<HourlySpend> rows)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            int pending = 0;
            for (HourlySpend r : rows) {
                insert.setString(1, r.accountId());
                insert.setTimestamp(2, Timestamp.from(r.hourStart()));
                insert.setLong(3, r.txnCount());
                insert.setBigDecimal(4, r.approvedAmountUsd());
                insert.setLong(5, r.declinedCount());
                insert.setLong(6, r.internationalCount());
                insert.setBigDecimal(7, r.maxAmountUsd());
                insert.addBatch();
                if (++pending == BATCH) {
                    insert.executeBatch();
                    pending = 0;
                }
            }
            insert.executeBatch();
        }
    }

    private static void writeDeadLetters(Connection connection, String sql, List<DeadLetter> rows)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            for (DeadLetter r : rows) {
                insert.setString(1, r.topic());
                insert.setInt(2, r.partition());
                insert.setLong(3, r.offset());
                insert.setTimestamp(4, Timestamp.from(r.kafkaTimestamp()));
                insert.setString(5, r.reason());
                insert.setString(6, r.detail());
                insert.setString(7, r.rawBase64());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** The named statements of the SQL resource, with the schema filled in. */
    static Map<String, String> statements(String schema) {
        String text;
        try (InputStream in =
                TruthWriter.class
                        .getClassLoader()
                        .getResourceAsStream("loadgen/truth_insert.sql")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> result = new HashMap<>();
        String name = null;
        StringBuilder body = new StringBuilder();
        for (String line : (text + "\n-- name: end").split("\n")) {
            if (line.startsWith("-- name: ")) {
                if (name != null) {
                    String statement = body.toString().trim();
                    if (statement.endsWith(";")) {
                        statement = statement.substring(0, statement.length() - 1);
                    }
                    result.put(name, statement.replace("${SCHEMA}", schema));
                }
                name = line.substring("-- name: ".length()).trim();
                body.setLength(0);
            } else if (!line.startsWith("--")) {
                body.append(line).append('\n');
            }
        }
        return result;
    }
}

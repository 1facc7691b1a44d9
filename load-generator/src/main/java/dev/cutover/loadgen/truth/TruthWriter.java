package dev.cutover.loadgen.truth;

import dev.cutover.contract.SqlResource;
import dev.cutover.model.db.OutputTables;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.List;
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
        SqlResource sql = SqlResource.of("loadgen/truth_insert.sql").with("SCHEMA", schema);
        long started = System.nanoTime();
        try (Connection connection = DriverManager.getConnection(jdbcUrl, properties)) {
            connection.setAutoCommit(false);
            try {
                try (Statement clear = connection.createStatement()) {
                    clear.execute(sql.statement("clear"));
                }
                TruthRows.insertTransactions(
                        connection,
                        sql.statement("card_transactions"),
                        report.transactions(),
                        BATCH);
                TruthRows.insertHourlySpend(
                        connection,
                        sql.statement("account_hourly_spend"),
                        report.hourlySpend(),
                        BATCH);
                writeDeadLetters(connection, sql.statement("dead_letters"), report.deadLetters());
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
}

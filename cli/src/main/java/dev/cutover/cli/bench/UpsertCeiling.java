package dev.cutover.cli.bench;

import dev.cutover.loadgen.truth.HourlySpend;
import dev.cutover.loadgen.truth.TruthReport;
import dev.cutover.loadgen.truth.TruthTransaction;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Properties;

/**
 * The PostgreSQL ingest ceiling: the rows the job must write, written from this process by a plain
 * batched JDBC upsert of the same shape the Flink JDBC sink's PostgreSQL dialect sends ({@code
 * INSERT … ON CONFLICT (pk) DO UPDATE SET every column = EXCLUDED.column}, autocommit, {@code
 * reWriteBatchedInserts=true}), one connection.
 */
final class UpsertCeiling {
    private static final String TRANSACTIONS =
            "INSERT INTO %s.card_transactions (transaction_id, account_id, event_time, event_hour,"
                    + " amount, currency, amount_usd, merchant_category, status, is_international,"
                    + " masked_card, kafka_timestamp) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (transaction_id) DO UPDATE SET"
                    + " transaction_id=EXCLUDED.transaction_id, account_id=EXCLUDED.account_id,"
                    + " event_time=EXCLUDED.event_time, event_hour=EXCLUDED.event_hour,"
                    + " amount=EXCLUDED.amount, currency=EXCLUDED.currency,"
                    + " amount_usd=EXCLUDED.amount_usd,"
                    + " merchant_category=EXCLUDED.merchant_category, status=EXCLUDED.status,"
                    + " is_international=EXCLUDED.is_international,"
                    + " masked_card=EXCLUDED.masked_card, kafka_timestamp=EXCLUDED.kafka_timestamp";
    private static final String SPEND =
            "INSERT INTO %s.account_hourly_spend (account_id, hour_start, txn_count,"
                    + " approved_amount_usd, declined_count, international_count, max_amount_usd)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (account_id, hour_start) DO UPDATE"
                    + " SET account_id=EXCLUDED.account_id, hour_start=EXCLUDED.hour_start,"
                    + " txn_count=EXCLUDED.txn_count,"
                    + " approved_amount_usd=EXCLUDED.approved_amount_usd,"
                    + " declined_count=EXCLUDED.declined_count,"
                    + " international_count=EXCLUDED.international_count,"
                    + " max_amount_usd=EXCLUDED.max_amount_usd";

    private final String jdbcUrl;
    private final Properties properties = new Properties();
    private final int batchSize;

    UpsertCeiling(String jdbcUrl, String user, String password, int batchSize) {
        this.jdbcUrl = jdbcUrl;
        this.batchSize = batchSize;
        properties.setProperty("user", user);
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("reWriteBatchedInserts", "true");
    }

    /** Writes both tables' rows into {@code schema}; returns the elapsed nanoseconds. */
    long write(String schema, TruthReport rows) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, properties)) {
            connection.setAutoCommit(true);
            long started = System.nanoTime();
            writeTransactions(connection, TRANSACTIONS.formatted(schema), rows.transactions());
            writeSpend(connection, SPEND.formatted(schema), rows.hourlySpend());
            return System.nanoTime() - started;
        }
    }

    private void writeTransactions(Connection c, String sql, List<TruthTransaction> rows)
            throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(sql)) {
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
                if (++pending == batchSize) {
                    insert.executeBatch();
                    pending = 0;
                }
            }
            insert.executeBatch();
        }
    }

    private void writeSpend(Connection c, String sql, List<HourlySpend> rows) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(sql)) {
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
                if (++pending == batchSize) {
                    insert.executeBatch();
                    pending = 0;
                }
            }
            insert.executeBatch();
        }
    }
}

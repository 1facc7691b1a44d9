package dev.cutover.loadgen.truth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;

/**
 * Writes truth rows through a caller's statement in JDBC batches: an INSERT (the truth writer) or
 * an upsert of the same columns (the stream benchmark's ceiling).
 */
public final class TruthRows {
    private TruthRows() {}

    /**
     * Binds {@code sql}'s 12 parameters (the columns of card_transactions, in table order) per row.
     */
    public static void insertTransactions(
            Connection connection, String sql, List<TruthTransaction> rows, int batchSize)
            throws SQLException {
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
                if (++pending == batchSize) {
                    insert.executeBatch();
                    pending = 0;
                }
            }
            insert.executeBatch();
        }
    }

    /**
     * Binds {@code sql}'s 7 parameters (the columns of account_hourly_spend, in table order) per
     * row.
     */
    public static void insertHourlySpend(
            Connection connection, String sql, List<HourlySpend> rows, int batchSize)
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
                if (++pending == batchSize) {
                    insert.executeBatch();
                    pending = 0;
                }
            }
            insert.executeBatch();
        }
    }
}

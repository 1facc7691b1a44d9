package dev.cutover.cli.bench;

import dev.cutover.loadgen.truth.TruthReport;
import dev.cutover.loadgen.truth.TruthRows;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The PostgreSQL ingest ceiling: the rows the job must write, written from this process by a plain
 * batched JDBC upsert of the same shape the Flink JDBC sink's PostgreSQL dialect sends ({@code
 * INSERT … ON CONFLICT (pk) DO UPDATE SET every column = EXCLUDED.column}, autocommit, {@code
 * reWriteBatchedInserts=true} as the job's sink adds it), one connection.
 *
 * <p>What makes the comparison fair: the same rows (the generator's ground truth, which the job's
 * output equals), into tables of the same migration with the same primary keys, indexes and {@code
 * written_at} triggers, in the same database, with the same batch size as the job's default {@code
 * sink.batch-size}. What the ceiling does not do, by design: decode, deduplicate, aggregate, and
 * rewrite an hourly row each time it changes (the job upserts each {@code account_hourly_spend} key
 * several times; the bench prints how many upserts it made). pgjdbc 42.7 does rewrite these upserts
 * into multi-row {@code VALUES} (its batch result is {@code SUCCESS_NO_INFO}).
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
            TruthRows.insertTransactions(
                    connection, TRANSACTIONS.formatted(schema), rows.transactions(), batchSize);
            TruthRows.insertHourlySpend(
                    connection, SPEND.formatted(schema), rows.hourlySpend(), batchSize);
            return System.nanoTime() - started;
        }
    }
}

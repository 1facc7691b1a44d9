package dev.cutover.cli.reconcile;

import dev.cutover.model.db.OutputTables;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * The output tables of a healthy run, written by SQL into a database of the test's own: {@code
 * transactions} transactions spread evenly over {@code hours} hours from {@code firstHour}, the
 * same in {@code stream}, {@code batch} and {@code truth}, with their hourly aggregates. The stream
 * wrote each a second after it reached Kafka, the batch after its hour's cutoff ({@code written_at}
 * set here: the tables' triggers are disabled). Transaction {@code g} is {@code txn-0000g}.
 */
final class AgreeingTables {
    private AgreeingTables() {}

    static void create(
            String jdbcUrl,
            String user,
            String password,
            Instant firstHour,
            int hours,
            int transactions)
            throws SQLException {
        OutputTables.migrate(jdbcUrl, user, password);
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password)) {
            for (String schema : List.of("stream", "batch", "truth")) {
                execute(c, "ALTER TABLE " + schema + ".card_transactions DISABLE TRIGGER USER");
                execute(c, "ALTER TABLE " + schema + ".account_hourly_spend DISABLE TRIGGER USER");
                String writtenAt =
                        schema.equals("batch")
                                ? "date_trunc('hour', t) + interval '70 minutes'"
                                : "t + interval '1 second'";
                try (PreparedStatement insert =
                        c.prepareStatement(
                                "INSERT INTO "
                                        + schema
                                        + ".card_transactions (transaction_id, account_id,"
                                        + " event_time, event_hour, amount, currency,"
                                        + " amount_usd, merchant_category, status,"
                                        + " is_international, masked_card, kafka_timestamp,"
                                        + " written_at)"
                                        + " SELECT 'txn-' || lpad(g::text, 5, '0'),"
                                        + " 'acct-' || (g % 150), t, date_trunc('hour', t),"
                                        + " 10 + g % 90, 'USD', 10 + g % 90, 'GROCERY',"
                                        + " 'APPROVED', false, '400000******0000', t, "
                                        + writtenAt
                                        + " FROM generate_series(0, ? - 1) g,"
                                        + " LATERAL (SELECT ?::timestamptz"
                                        + " + g * (? * interval '1 hour') / ? AS t) x")) {
                    insert.setInt(1, transactions);
                    insert.setTimestamp(2, Timestamp.from(firstHour));
                    insert.setInt(3, hours);
                    insert.setInt(4, transactions);
                    insert.execute();
                }
                execute(
                        c,
                        "INSERT INTO "
                                + schema
                                + ".account_hourly_spend (account_id, hour_start, txn_count,"
                                + " approved_amount_usd, declined_count, international_count,"
                                + " max_amount_usd, written_at) SELECT account_id, event_hour,"
                                + " count(*), sum(amount_usd), 0, 0, max(amount_usd),"
                                + " max(written_at) FROM "
                                + schema
                                + ".card_transactions GROUP BY 1, 2");
            }
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}

package dev.cutover.model.golden;

import dev.cutover.model.golden.GoldenFixture.DeadLetter;
import dev.cutover.model.golden.GoldenFixture.HourlySpend;
import dev.cutover.model.golden.GoldenFixture.Tables;
import dev.cutover.model.golden.GoldenFixture.Transaction;
import dev.cutover.stack.StackEndpoints;
import dev.cutover.testkit.Jdbc;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/** Reads a pipeline's output tables in the fixture's row types, and puts rows in one order. */
public final class GoldenTables {
    private GoldenTables() {}

    /** The rows of {@code schema}'s three tables; dead letters of {@code topic} only. */
    public static Tables read(StackEndpoints stack, String schema, String topic)
            throws SQLException {
        List<Transaction> transactions =
                Jdbc.query(
                                stack,
                                "SELECT transaction_id, account_id, event_time, event_hour, amount,"
                                        + " currency, amount_usd, merchant_category, status,"
                                        + " is_international, masked_card, kafka_timestamp FROM "
                                        + schema
                                        + ".card_transactions")
                        .stream()
                        .map(
                                r ->
                                        new Transaction(
                                                (String) r.get("transaction_id"),
                                                (String) r.get("account_id"),
                                                instant(r.get("event_time")),
                                                instant(r.get("event_hour")),
                                                (BigDecimal) r.get("amount"),
                                                (String) r.get("currency"),
                                                (BigDecimal) r.get("amount_usd"),
                                                (String) r.get("merchant_category"),
                                                (String) r.get("status"),
                                                (Boolean) r.get("is_international"),
                                                (String) r.get("masked_card"),
                                                instant(r.get("kafka_timestamp"))))
                        .toList();
        List<HourlySpend> hourly =
                Jdbc.query(
                                stack,
                                "SELECT account_id, hour_start, txn_count, approved_amount_usd,"
                                        + " declined_count, international_count, max_amount_usd"
                                        + " FROM "
                                        + schema
                                        + ".account_hourly_spend")
                        .stream()
                        .map(
                                r ->
                                        new HourlySpend(
                                                (String) r.get("account_id"),
                                                instant(r.get("hour_start")),
                                                (Long) r.get("txn_count"),
                                                (BigDecimal) r.get("approved_amount_usd"),
                                                (Long) r.get("declined_count"),
                                                (Long) r.get("international_count"),
                                                (BigDecimal) r.get("max_amount_usd")))
                        .toList();
        List<DeadLetter> deadLetters =
                Jdbc.query(
                                stack,
                                "SELECT kafka_partition, kafka_offset, kafka_timestamp, reason,"
                                        + " detail, raw_base64 FROM "
                                        + schema
                                        + ".dead_letters WHERE topic = ?",
                                topic)
                        .stream()
                        .map(
                                r ->
                                        new DeadLetter(
                                                (Integer) r.get("kafka_partition"),
                                                (Long) r.get("kafka_offset"),
                                                instant(r.get("kafka_timestamp")),
                                                (String) r.get("reason"),
                                                (String) r.get("detail"),
                                                hexOfBase64((String) r.get("raw_base64"))))
                        .toList();
        return new Tables(transactions, hourly, deadLetters).sorted();
    }

    private static String hexOfBase64(String base64) {
        return base64 == null ? null : GoldenFixture.hex(Base64.getDecoder().decode(base64));
    }

    private static Instant instant(Object value) {
        return value == null ? null : ((Timestamp) value).toInstant();
    }
}

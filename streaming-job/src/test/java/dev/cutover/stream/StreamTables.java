package dev.cutover.stream;

import dev.cutover.model.db.OutputTables;
import dev.cutover.stack.StackEndpoints;
import dev.cutover.testkit.Jdbc;
import dev.cutover.testkit.KafkaTopics;
import dev.cutover.testkit.TestSchema;
import dev.cutover.testkit.TestTopic;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A test's topic and output tables; reads them in the shape {@link Truth} computes. */
public final class StreamTables {
    private StreamTables() {}

    /** Creates the test's topic with {@code partitions} and its schema's output tables. */
    public static void prepare(
            StackEndpoints stack, TestTopic topic, TestSchema schema, int partitions) {
        KafkaTopics.create(stack.kafkaBootstrapServers(), topic.name(), partitions);
        OutputTables.migrateSchema(
                stack.jdbcUrl(), stack.jdbcUser(), stack.jdbcPassword(), schema.name());
    }

    public static Map<String, List<Object>> cardTransactions(StackEndpoints stack, TestSchema s)
            throws Exception {
        Map<String, List<Object>> rows = new TreeMap<>();
        for (Map<String, Object> row :
                Jdbc.query(
                        stack,
                        "SELECT transaction_id, account_id, event_time, event_hour, amount,"
                                + " currency, amount_usd, merchant_category, status,"
                                + " is_international, masked_card, kafka_timestamp FROM "
                                + s.qualify("card_transactions"))) {
            rows.put((String) row.get("transaction_id"), values(row));
        }
        return rows;
    }

    public static Map<String, List<Object>> hourlySpend(StackEndpoints stack, TestSchema s)
            throws Exception {
        Map<String, List<Object>> rows = new TreeMap<>();
        for (Map<String, Object> row :
                Jdbc.query(
                        stack,
                        "SELECT account_id, hour_start, txn_count, approved_amount_usd,"
                                + " declined_count, international_count, max_amount_usd FROM "
                                + s.qualify("account_hourly_spend"))) {
            List<Object> values = values(row);
            rows.put(values.get(0) + "|" + values.get(1), values);
        }
        return rows;
    }

    /** Truth's hourly rows re-keyed like {@link #hourlySpend}. */
    public static Map<String, List<Object>> keyed(Map<String, List<Object>> truthHourly) {
        Map<String, List<Object>> rows = new TreeMap<>();
        truthHourly.values().forEach(v -> rows.put(v.get(0) + "|" + v.get(1), v));
        return rows;
    }

    private static List<Object> values(Map<String, Object> row) {
        List<Object> values = new ArrayList<>();
        for (Object value : row.values()) {
            values.add(value instanceof Timestamp t ? t.toInstant() : value);
        }
        return values;
    }
}

package dev.cutover.model.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.stack.Service;
import dev.cutover.stack.StackEndpoints;
import dev.cutover.testkit.EmbeddedStackTest;
import dev.cutover.testkit.Jdbc;
import dev.cutover.testkit.TestSchema;
import dev.cutover.testkit.TestTime;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The output tables of DESIGN.md, created by the Flyway migrations on real PostgreSQL. */
@EmbeddedStackTest(services = Service.POSTGRES)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class OutputTablesITCase {
    @Test
    void migrationsApplyOnceAndAgainChangeNothing(StackEndpoints db, TestSchema schema)
            throws SQLException {
        assertThat(
                        OutputTables.migrateSchema(
                                db.jdbcUrl(), db.jdbcUser(), db.jdbcPassword(), schema.name()))
                .isEqualTo(1);
        List<Map<String, Object>> before = columns(db, schema.name());

        assertThat(
                        OutputTables.migrateSchema(
                                db.jdbcUrl(), db.jdbcUser(), db.jdbcPassword(), schema.name()))
                .isZero();
        assertThat(columns(db, schema.name())).isEqualTo(before);
    }

    @Test
    void everyOutputSchemaGetsTheSameTables(StackEndpoints db) throws SQLException {
        OutputTables.migrate(db.jdbcUrl(), db.jdbcUser(), db.jdbcPassword());
        assertThat(OutputTables.migrate(db.jdbcUrl(), db.jdbcUser(), db.jdbcPassword())).isZero();

        List<Map<String, Object>> tables =
                Jdbc.query(
                        db,
                        "SELECT table_schema, table_name FROM information_schema.tables WHERE"
                                + " table_schema IN ('stream', 'batch', 'truth') AND table_name <>"
                                + " 'flyway_schema_history' ORDER BY 1, 2");
        assertThat(tables)
                .extracting(row -> row.get("table_schema") + "." + row.get("table_name"))
                .containsExactly(
                        "batch.account_hourly_spend",
                        "batch.card_transactions",
                        "batch.dead_letters",
                        "stream.account_hourly_spend",
                        "stream.card_transactions",
                        "stream.dead_letters",
                        "truth.account_hourly_spend",
                        "truth.card_transactions",
                        "truth.dead_letters");
    }

    @Test
    void tablesHaveTheColumnsOfTheDesign(StackEndpoints db, TestSchema schema) throws SQLException {
        OutputTables.migrateSchema(db.jdbcUrl(), db.jdbcUser(), db.jdbcPassword(), schema.name());

        Map<String, String> cardTransactions = new LinkedHashMap<>();
        cardTransactions.put("transaction_id", "text");
        cardTransactions.put("account_id", "text");
        cardTransactions.put("event_time", "timestamp with time zone");
        cardTransactions.put("event_hour", "timestamp with time zone");
        cardTransactions.put("amount", "numeric(18,2)");
        cardTransactions.put("currency", "text");
        cardTransactions.put("amount_usd", "numeric(18,2)");
        cardTransactions.put("merchant_category", "text");
        cardTransactions.put("status", "text");
        cardTransactions.put("is_international", "boolean");
        cardTransactions.put("masked_card", "text");
        cardTransactions.put("kafka_timestamp", "timestamp with time zone");
        cardTransactions.put("written_at", "timestamp with time zone");
        assertThat(typesOf(db, schema.name(), OutputTables.CARD_TRANSACTIONS))
                .containsExactlyEntriesOf(cardTransactions);

        Map<String, String> hourly = new LinkedHashMap<>();
        hourly.put("account_id", "text");
        hourly.put("hour_start", "timestamp with time zone");
        hourly.put("txn_count", "bigint");
        hourly.put("approved_amount_usd", "numeric(18,2)");
        hourly.put("declined_count", "bigint");
        hourly.put("international_count", "bigint");
        hourly.put("max_amount_usd", "numeric(18,2)");
        hourly.put("written_at", "timestamp with time zone");
        assertThat(typesOf(db, schema.name(), OutputTables.ACCOUNT_HOURLY_SPEND))
                .containsExactlyEntriesOf(hourly);

        assertThat(typesOf(db, schema.name(), OutputTables.DEAD_LETTERS))
                .containsOnlyKeys(
                        "topic",
                        "kafka_partition",
                        "kafka_offset",
                        "kafka_timestamp",
                        "reason",
                        "detail",
                        "raw_base64",
                        "seen_at");
        assertThat(primaryKey(db, schema.name(), OutputTables.ACCOUNT_HOURLY_SPEND))
                .containsExactly("account_id", "hour_start");
        assertThat(primaryKey(db, schema.name(), OutputTables.CARD_TRANSACTIONS))
                .containsExactly("transaction_id");
    }

    @Test
    void writtenAtIsStampedOnInsertAndOnlyMovesWhenAnUpsertChangesTheRow(
            StackEndpoints db, TestSchema schema) throws SQLException {
        OutputTables.migrateSchema(db.jdbcUrl(), db.jdbcUser(), db.jdbcPassword(), schema.name());
        String upsert =
                "INSERT INTO "
                        + schema.qualify("account_hourly_spend")
                        + " (account_id, hour_start, txn_count, approved_amount_usd,"
                        + " declined_count, international_count, max_amount_usd) VALUES ('a', ?, ?,"
                        + " 10.00, 0, 0, 10.00) ON CONFLICT (account_id,"
                        + " hour_start) DO UPDATE SET txn_count = EXCLUDED.txn_count,"
                        + " approved_amount_usd = EXCLUDED.approved_amount_usd, declined_count ="
                        + " EXCLUDED.declined_count, international_count ="
                        + " EXCLUDED.international_count, max_amount_usd = EXCLUDED.max_amount_usd";

        OffsetDateTime hour = TestTime.hourStart(1).atOffset(ZoneOffset.UTC);

        Jdbc.execute(db, upsert, hour, 1L);
        Instant first = writtenAt(db, schema);
        Jdbc.execute(db, upsert, hour, 1L); // a replay of the same row
        Instant replayed = writtenAt(db, schema);
        Jdbc.execute(db, upsert, hour, 2L); // a real change
        Instant changed = writtenAt(db, schema);

        assertThat(first).isNotNull();
        assertThat(replayed).isEqualTo(first);
        assertThat(changed).isAfter(first);
    }

    private static Instant writtenAt(StackEndpoints db, TestSchema schema) throws SQLException {
        Object value =
                Jdbc.query(db, "SELECT written_at FROM " + schema.qualify("account_hourly_spend"))
                        .get(0)
                        .get("written_at");
        return ((Timestamp) value).toInstant();
    }

    private static List<Map<String, Object>> columns(StackEndpoints db, String schema)
            throws SQLException {
        return Jdbc.query(
                db,
                "SELECT table_name, column_name, data_type FROM information_schema.columns"
                        + " WHERE table_schema = ? ORDER BY table_name, ordinal_position",
                schema);
    }

    private static Map<String, String> typesOf(StackEndpoints db, String schema, String table)
            throws SQLException {
        Map<String, String> types = new LinkedHashMap<>();
        for (Map<String, Object> row :
                Jdbc.query(
                        db,
                        "SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type"
                            + " FROM pg_attribute a WHERE a.attrelid = (quote_ident(?) || '.' ||"
                            + " quote_ident(?))::regclass AND a.attnum > 0 AND NOT a.attisdropped"
                            + " ORDER BY a.attnum",
                        schema,
                        table)) {
            String type =
                    row.get("type")
                            .toString()
                            .replace("timestamp(3) with time zone", "timestamp with time zone");
            types.put(row.get("name").toString(), type);
        }
        return types;
    }

    private static List<String> primaryKey(StackEndpoints db, String schema, String table)
            throws SQLException {
        return Jdbc.query(
                        db,
                        "SELECT a.attname AS name FROM pg_index i JOIN pg_attribute a ON a.attrelid"
                            + " = i.indrelid AND a.attnum = ANY(i.indkey) WHERE i.indrelid ="
                            + " (quote_ident(?) || '.' || quote_ident(?))::regclass AND"
                            + " i.indisprimary ORDER BY array_position(i.indkey::int2[], a.attnum)",
                        schema,
                        table)
                .stream()
                .map(row -> row.get("name").toString())
                .toList();
    }
}

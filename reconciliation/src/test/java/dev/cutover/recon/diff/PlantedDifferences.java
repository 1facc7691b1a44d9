package dev.cutover.recon.diff;

import dev.cutover.stack.StackEndpoints;
import dev.cutover.testkit.Jdbc;
import dev.cutover.testkit.TestSchema;
import dev.cutover.testkit.TestTime;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Two tables of different column types (numeric vs double, integer vs bigint, timestamptz vs
 * timestamp) with 1000 common keys (text with mixed case, punctuation and non-ASCII) and a known
 * set of planted differences of every kind. The expected counts are constants here.
 */
final class PlantedDifferences {
    static final int COMMON = 1000;
    static final long LEFT_ROWS = COMMON + 4 + 2 + 3;
    static final long RIGHT_ROWS = COMMON + 6 + 1 + 1;
    static final long MATCHED = COMMON - 3 - 6;
    static final long MISMATCHED = 6;
    static final Instant BASE = TestTime.hourStart(1);

    private PlantedDifferences() {}

    /** The key of common row {@code i}: mixed case, punctuation, non-ASCII, beyond U+FFFF. */
    static String key(int i) {
        String[] prefixes = {"Key-", "key_", "KEY.", "a b", "ключ", "😀", "Z", "é", "_", "~"};
        return prefixes[i % prefixes.length] + i;
    }

    static void create(StackEndpoints stack, TestSchema schema) throws SQLException {
        String left = schema.qualify("left_t");
        String right = schema.qualify("right_t");
        Jdbc.execute(
                stack,
                "CREATE TABLE "
                        + left
                        + " (id TEXT, amount NUMERIC(18,2), qty INTEGER, ts TIMESTAMPTZ(6),"
                        + " note TEXT, flag BOOLEAN)");
        Jdbc.execute(
                stack,
                "CREATE TABLE "
                        + right
                        + " (id VARCHAR(40), amount DOUBLE PRECISION, qty BIGINT, ts TIMESTAMP(6),"
                        + " note TEXT, flag BOOLEAN)");
        List<Object[]> lefts = new ArrayList<>();
        List<Object[]> rights = new ArrayList<>();
        for (int i = 0; i < COMMON; i++) {
            BigDecimal amount = BigDecimal.valueOf(1000 + i * 7L, 2);
            Instant ts = BASE.plusSeconds(i * 11L);
            String note = i % 5 == 0 ? null : "note " + i;
            BigDecimal rightAmount = amount;
            Instant rightTs = ts;
            String rightNote = note;
            if (i >= 20 && i <= 22) {
                rightAmount = amount.add(new BigDecimal("0.50"));
            }
            if (i >= 50 && i <= 54) {
                rightAmount = amount.add(new BigDecimal("0.005"));
            }
            if (i == 30 || i == 31) {
                rightNote = "changed";
            }
            if (i == 40) {
                rightTs = ts.plusSeconds(2);
            }
            if (i == 60 || i == 61) {
                rightTs = ts.plus(500, ChronoUnit.MICROS);
            }
            lefts.add(new Object[] {key(i), amount, i, ts, note, i % 2 == 0});
            rights.add(new Object[] {key(i), rightAmount, i, rightTs, rightNote, i % 2 == 0});
        }
        for (int i = 0; i < 4; i++) {
            lefts.add(new Object[] {"only-left-" + i, BigDecimal.ONE, 1, BASE, "x", true});
        }
        for (int i = 0; i < 6; i++) {
            rights.add(new Object[] {"Only-Right-" + i, BigDecimal.ONE, 1, BASE, "x", true});
        }
        lefts.add(lefts.get(10).clone());
        lefts.add(lefts.get(11).clone());
        rights.add(rights.get(12).clone());
        for (int i = 0; i < 3; i++) {
            lefts.add(new Object[] {null, BigDecimal.TEN, i, BASE, "null key", false});
        }
        rights.add(new Object[] {null, BigDecimal.TEN, 0, BASE, "null key", false});
        insert(stack, left, lefts, true);
        insert(stack, right, rights, false);
        try (Connection connection = Jdbc.connect(stack);
                Statement statement = connection.createStatement()) {
            statement.execute("ANALYZE " + left);
            statement.execute("ANALYZE " + right);
        }
    }

    private static void insert(StackEndpoints stack, String table, List<Object[]> rows, boolean tz)
            throws SQLException {
        try (Connection connection = Jdbc.connect(stack);
                PreparedStatement insert =
                        connection.prepareStatement(
                                "INSERT INTO " + table + " VALUES (?, ?, ?, ?, ?, ?)")) {
            for (Object[] row : rows) {
                insert.setString(1, (String) row[0]);
                insert.setBigDecimal(2, (BigDecimal) row[1]);
                insert.setInt(3, (Integer) row[2]);
                Instant ts = (Instant) row[3];
                if (tz) {
                    insert.setObject(4, ts.atOffset(ZoneOffset.UTC));
                } else {
                    insert.setObject(4, LocalDateTime.ofInstant(ts, ZoneOffset.UTC));
                }
                insert.setString(5, (String) row[4]);
                insert.setBoolean(6, (Boolean) row[5]);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}

package dev.cutover.batch.io;

import dev.cutover.contract.SqlResource;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Iterator;
import org.apache.spark.sql.Row;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Replaces one hour in the output tables in a single transaction: delete the hour's rows, COPY the
 * new ones (streamed from Spark to the driver), add the dead letters (idempotent by Kafka position)
 * and the run's row; commit. Readers see the old hour or the new one, never a mix; a rerun leaves
 * the same rows. {@code written_at} is stamped by the tables' trigger.
 */
public final class PostgresSink {
    static final String STATEMENTS = "sql/replace-hour.sql";
    private static final int COPY_BUFFER = 1 << 16;

    private final JdbcTarget target;
    private final SqlResource sql;

    public PostgresSink(JdbcTarget target) {
        this.target = target;
        this.sql = SqlResource.of(STATEMENTS).with("SCHEMA", target.schema());
    }

    /** What one replacement wrote. */
    public record Written(long transactions, long accountHours, long deadLetters) {}

    public Written replaceHour(
            RunRecord run,
            String[] transactionColumns,
            Iterator<Row> transactions,
            String[] spendColumns,
            Iterator<Row> spend,
            Iterator<Row> deadLetters)
            throws SQLException {
        Instant hour = run.window().hourStart();
        try (Connection connection = target.connect()) {
            connection.setAutoCommit(false);
            try {
                execute(connection, "delete-transactions", utc(hour));
                execute(connection, "delete-spend", utc(hour));
                long transactionRows =
                        copy(connection, "card_transactions", transactionColumns, transactions);
                long spendRows = copy(connection, "account_hourly_spend", spendColumns, spend);
                long deadLetterRows = insertDeadLetters(connection, deadLetters);
                execute(
                        connection,
                        "insert-run",
                        run.runId(),
                        utc(hour),
                        run.offsets().topic(),
                        utc(run.window().readFrom()),
                        utc(run.window().cutoff()),
                        TopicOffsets.toJson(run.offsets().start()),
                        TopicOffsets.toJson(run.offsets().end()),
                        run.offsetsFromRun(),
                        run.recordsRead(),
                        transactionRows,
                        spendRows,
                        deadLetterRows,
                        utc(run.startedAt()));
                connection.commit();
                return new Written(transactionRows, spendRows, deadLetterRows);
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private void execute(Connection connection, String name, Object... parameters)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql.statement(name))) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }

    private long insertDeadLetters(Connection connection, Iterator<Row> rows) throws SQLException {
        long inserted = 0; // rows given, whether new or already there
        try (PreparedStatement statement =
                connection.prepareStatement(sql.statement("insert-dead-letter"))) {
            int pending = 0;
            while (rows.hasNext()) {
                Row row = rows.next();
                for (int i = 0; i < row.size(); i++) {
                    statement.setObject(i + 1, jdbcValue(row.get(i)));
                }
                statement.addBatch();
                inserted++;
                if (++pending == 1000) {
                    statement.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                statement.executeBatch();
            }
        }
        return inserted;
    }

    private long copy(Connection connection, String table, String[] columns, Iterator<Row> rows)
            throws SQLException {
        String command =
                "COPY "
                        + target.schema()
                        + "."
                        + table
                        + " ("
                        + String.join(", ", columns)
                        + ") FROM STDIN (FORMAT csv)";
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(command);
        try {
            StringBuilder buffer = new StringBuilder(COPY_BUFFER + 1024);
            while (rows.hasNext()) {
                appendCsv(buffer, rows.next());
                if (buffer.length() >= COPY_BUFFER) {
                    write(copy, buffer);
                }
            }
            write(copy, buffer);
            return copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private static void write(CopyIn copy, StringBuilder buffer) throws SQLException {
        byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        buffer.setLength(0);
    }

    /** One CSV line: NULL is an unquoted empty field, every text is quoted. */
    static void appendCsv(StringBuilder out, Row row) {
        for (int i = 0; i < row.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            Object value = row.get(i);
            if (value == null) {
                continue;
            }
            if (value instanceof Timestamp timestamp) {
                out.append(timestamp.toInstant());
            } else if (value instanceof BigDecimal decimal) {
                out.append(decimal.toPlainString());
            } else if (value instanceof Number || value instanceof Boolean) {
                out.append(value);
            } else {
                String text = value.toString();
                out.append('"').append(text.replace("\"", "\"\"")).append('"');
            }
        }
        out.append('\n');
    }

    private static Object jdbcValue(Object value) {
        return value instanceof Timestamp timestamp ? utc(timestamp.toInstant()) : value;
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}

package dev.cutover.recon.diff;

import dev.cutover.recon.ReconException;
import dev.cutover.recon.compare.Values;
import dev.cutover.recon.db.Column;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGStatement;

/**
 * Streams one side's rows in key order through a server-side cursor (autocommit off, fetch size
 * set, read-only) on its own thread, in bounded batches: memory does not grow with the table.
 */
final class SideReader implements Runnable {
    static final int FETCH_SIZE = 5_000;
    private static final int BATCH = 1_000;
    private static final List<Row> END = List.of();

    private final DiffSpec spec;
    private final Side side;
    private final String sql;
    private final List<Object> parameters;
    private final BlockingQueue<List<Row>> queue = new ArrayBlockingQueue<>(8);
    private volatile RuntimeException failure;
    private volatile boolean cancelled;

    SideReader(DiffSpec spec, Side side, String sql, List<Object> parameters) {
        this.spec = spec;
        this.side = side;
        this.sql = sql;
        this.parameters = parameters;
    }

    @Override
    public void run() {
        List<Column> keys = spec.keys().stream().map(k -> k.side(side)).toList();
        List<Column> values = spec.valueColumns().stream().map(c -> c.side(side)).toList();
        try (Connection connection = DiffWorkers.readOnly(spec, side)) {
            SharedSnapshot.begin(connection, spec.side(side));
            try (PreparedStatement statement =
                    connection.prepareStatement(
                            sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                statement.setFetchSize(FETCH_SIZE);
                binaryResults(statement);
                Binder.bind(connection, statement, parameters);
                try (ResultSet rows = statement.executeQuery()) {
                    List<Row> batch = new ArrayList<>(BATCH);
                    while (rows.next() && !cancelled) {
                        Object[] key = new Object[keys.size()];
                        for (int i = 0; i < key.length; i++) {
                            key[i] = Values.read(rows, i + 1, keys.get(i));
                        }
                        Object[] row = new Object[values.size()];
                        for (int i = 0; i < row.length; i++) {
                            row[i] = Values.read(rows, key.length + i + 1, values.get(i));
                        }
                        batch.add(new Row(key, row));
                        if (batch.size() == BATCH) {
                            put(batch);
                            batch = new ArrayList<>(BATCH);
                        }
                    }
                    if (!batch.isEmpty()) {
                        put(batch);
                    }
                }
            }
            connection.rollback();
        } catch (SQLException e) {
            failure =
                    Binder.translate(
                            e, "reading " + side.label() + " table " + spec.side(side).table());
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            put(END);
        }
    }

    /**
     * Asks pgjdbc for the rows in PostgreSQL's binary format (a server-prepared statement from the
     * first execution): the database sends numbers and instants without formatting them as text and
     * the driver reads them without parsing (docs/benchmarks.md). Values are the same: {@link
     * Values#read} asks for strings, instants and booleans as before.
     */
    private static void binaryResults(PreparedStatement statement) throws SQLException {
        if (statement.isWrapperFor(PGStatement.class)) {
            statement.unwrap(PGStatement.class).setPrepareThreshold(-1);
        }
    }

    private void put(List<Row> batch) {
        try {
            while (!cancelled && !queue.offer(batch, 100, TimeUnit.MILLISECONDS)) {
                // the merge is slower: wait, unless it gave up
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancelled = true;
        }
    }

    /** The next batch, or an empty list at the end; rethrows the reader's failure. */
    List<Row> take() {
        try {
            List<Row> batch = queue.take();
            if (batch == END && failure != null) {
                throw failure;
            }
            return batch;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ReconException.infrastructure("interrupted while reading " + side.label(), e);
        }
    }

    void cancel() {
        cancelled = true;
        queue.clear();
    }
}

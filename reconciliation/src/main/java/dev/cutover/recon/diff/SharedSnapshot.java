package dev.cutover.recon.diff;

import dev.cutover.recon.db.ConnectionSpec;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One state of each database for a whole comparison. A diff reads a table on several connections
 * and in several transactions (the two sides, key ranges on threads, the checksum's levels, the
 * counts beside the join); while the pipelines keep writing, each of them would otherwise see the
 * tables as they were at its own start, and a row written in between would count as a difference
 * that never existed. So a transaction is held open on each database with {@code
 * pg_export_snapshot()}, and every read of the comparison starts its transaction with {@code SET
 * TRANSACTION SNAPSHOT} of it ({@link #begin}): all of them see the tables as they were at the
 * export, both sides at the same instant when they share a database.
 *
 * <p>A parity run holds one for all its comparisons ({@link #export(List)}), so its table pairs are
 * compared as of one instant too.
 *
 * <p>A database that cannot export a snapshot (a server without the function, or one that refuses
 * it) is read as before, each transaction at its own start, and a warning says so.
 */
public final class SharedSnapshot implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SharedSnapshot.class);

    /** What {@code pg_export_snapshot()} returns, e.g. {@code 00000003-0000001B-1}. */
    private static final Pattern SNAPSHOT_ID = Pattern.compile("[0-9A-Fa-f-]+");

    /** A database and the id of its snapshot (null when it exports none). */
    private record Held(ConnectionSpec database, String id) {}

    private final List<Connection> holders = new ArrayList<>();
    private final List<Held> held = new ArrayList<>();

    private SharedSnapshot() {}

    /** Exports a snapshot of each database of {@code spec} (one when both sides share it). */
    public static SharedSnapshot export(DiffSpec spec) {
        return export(List.of(spec.left().connection(), spec.right().connection()));
    }

    /**
     * Exports a snapshot of each of {@code databases} (once per database) and holds them until
     * {@link #close()}.
     */
    public static SharedSnapshot export(List<ConnectionSpec> databases) {
        SharedSnapshot snapshot = new SharedSnapshot();
        try {
            for (ConnectionSpec database : databases) {
                if (snapshot.find(database) == null) {
                    snapshot.held.add(new Held(database, export(database, snapshot.holders)));
                }
            }
            return snapshot;
        } catch (RuntimeException e) {
            snapshot.close();
            throw e;
        }
    }

    /**
     * {@code spec} whose reads all start from the snapshots held of its databases (a side of a
     * database not held here is read as before).
     */
    public DiffSpec pin(DiffSpec spec) {
        return spec.withSides(pin(spec.left()), pin(spec.right()));
    }

    private TableSide pin(TableSide side) {
        Held database = find(side.connection());
        return side.withSnapshot(database == null ? null : database.id());
    }

    /**
     * A read-only connection to {@code database} whose transaction starts from the snapshot held of
     * it, so a query on it sees what the comparisons see (a plain connection when none is held).
     * The caller closes it.
     */
    public Connection open(ConnectionSpec database) {
        Held snapshot = find(database);
        Connection connection = database.open();
        try {
            connection.setReadOnly(true);
            if (snapshot != null && snapshot.id() != null) {
                connection.setAutoCommit(false);
                begin(connection, snapshot.id());
            }
            return connection;
        } catch (SQLException e) {
            closeQuietly(connection);
            throw ConnectionSpec.translate(e, "starting a read on the comparison's snapshot");
        }
    }

    private Held find(ConnectionSpec database) {
        for (Held h : held) {
            if (h.database().sameAs(database)) {
                return h;
            }
        }
        return null;
    }

    /**
     * Starts {@code connection}'s transaction (autocommit off) on {@code side}'s snapshot, when it
     * has one; call it before the transaction's first query.
     */
    static void begin(Connection connection, TableSide side) throws SQLException {
        if (side.snapshot() != null) {
            begin(connection, side.snapshot());
        }
    }

    private static void begin(Connection connection, String snapshot) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            statement.execute("SET TRANSACTION SNAPSHOT '" + snapshot + "'");
        }
    }

    /** The snapshot's id, or null (and a warning) when this database does not export one. */
    private static String export(ConnectionSpec database, List<Connection> holders) {
        Connection connection = database.open();
        holders.add(connection);
        try {
            try (Statement statement = connection.createStatement()) {
                // the holder idles in its transaction for the whole comparison
                statement.execute("SET idle_in_transaction_session_timeout = 0");
            }
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT pg_export_snapshot()")) {
                rows.next();
                String id = rows.getString(1);
                if (id == null || !SNAPSHOT_ID.matcher(id).matches()) {
                    throw new SQLException("unexpected snapshot id " + id);
                }
                return id;
            }
        } catch (SQLException e) {
            LOG.warn(
                    "{} exports no snapshot ({}): each read of it sees the tables as they are"
                            + " when it starts",
                    database.redactedUrl(),
                    e.getMessage());
            return null;
        }
    }

    @Override
    public void close() {
        holders.forEach(SharedSnapshot::closeQuietly);
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.debug("closing a snapshot's connection", e);
        }
    }
}

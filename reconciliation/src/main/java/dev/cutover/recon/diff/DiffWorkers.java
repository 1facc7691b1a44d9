package dev.cutover.recon.diff;

import dev.cutover.recon.ReconException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;

/** What the diffs running on several threads share: their threads and read-only connections. */
final class DiffWorkers {
    private DiffWorkers() {}

    /** Daemon threads named {@code name}: a diff never keeps the JVM alive. */
    static ThreadFactory daemon(String name) {
        return r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * The task's result; its own failure when it is a {@link RuntimeException} (a {@link
     * ReconException} saying what failed), else an infrastructure failure of {@code what}.
     */
    static <T> T await(Future<T> task, String what) {
        try {
            return task.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw ReconException.infrastructure("a part of " + what + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ReconException.infrastructure("interrupted during " + what, e);
        }
    }

    /** A connection to {@code side}'s database in a read-only transaction (autocommit off). */
    static Connection readOnly(DiffSpec spec, Side side) throws SQLException {
        Connection connection = spec.side(side).connection().open();
        try {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            return connection;
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }
}

package dev.cutover.parity;

import dev.cutover.contract.SqlResource;
import dev.cutover.parity.stream.RunningStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the stream's output while the run goes on (its row count, for the progress line) and
 * decides when it has caught up: when its tables hold what the truth's hold ({@code
 * pipeline_counts.sql}).
 */
final class StreamCatchUp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamCatchUp.class);
    private static final SqlResource SQL =
            SqlResource.of(StreamCatchUp.class, "pipeline_counts.sql");

    private final String url;
    private final Properties credentials = new Properties();
    private final LongConsumer onRows;
    private final Thread poller;
    private volatile boolean closed;

    StreamCatchUp(ParityTarget target, LongConsumer onRows) {
        this.url = target.jdbcUrl();
        credentials.put("user", target.jdbcUser());
        target.jdbcPassword().ifPresent(p -> credentials.put("password", p));
        this.onRows = onRows;
        this.poller = new Thread(this::poll, "parity-stream-rows");
        poller.setDaemon(true);
        poller.start();
    }

    private void poll() {
        while (!closed) {
            try {
                onRows.accept(counts("stream").get(0));
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                return;
            } catch (SQLException | RuntimeException e) {
                LOG.debug("counting stream rows: {}", e.getMessage());
            }
        }
    }

    /**
     * Waits until the stream's tables hold as many rows as the truth's. When they do not within
     * {@code timeout}, says so and returns false: reconciliation then names what is missing (exit
     * 1), which says more than a timeout would. A job that has failed is an infrastructure error.
     */
    boolean await(Duration timeout, RunningStream job)
            throws InterruptedException, IOException, SQLException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Long> truth = countsRetrying("truth", deadline);
        List<Long> stream = countsRetrying("stream", deadline);
        while (!stream.equals(truth)) {
            job.requireRunning();
            if (System.nanoTime() > deadline) {
                LOG.warn(
                        "the stream has not caught up within {}: stream {}, truth {}"
                                + " (transactions, dead letters, account-hours, their"
                                + " transactions); reconciling what it has",
                        timeout,
                        stream,
                        truth);
                return false;
            }
            Thread.sleep(1000);
            stream = countsRetrying("stream", deadline);
        }
        LOG.info("the stream has caught up: {}", stream);
        return true;
    }

    /** Counts, asking again while the database restarts (the demo's chaos), until the deadline. */
    private List<Long> countsRetrying(String schema, long deadline)
            throws SQLException, InterruptedException {
        while (true) {
            try {
                return counts(schema);
            } catch (SQLException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                LOG.warn("counting {} rows failed, asking again: {}", schema, e.getMessage());
                Thread.sleep(1000);
            }
        }
    }

    private List<Long> counts(String schema) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, credentials);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(SQL.with("SCHEMA", schema).sql())) {
            r.next();
            List<Long> values = new ArrayList<>();
            for (int i = 1; i <= 4; i++) {
                values.add(r.getLong(i));
            }
            return values;
        }
    }

    @Override
    public void close() {
        closed = true;
        poller.interrupt();
    }
}

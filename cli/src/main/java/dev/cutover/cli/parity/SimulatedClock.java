package dev.cutover.cli.parity;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo's simulated clock as it really ran: samples of (real instant, simulated instant) taken
 * while the load is generated (the generator may fall behind its nominal speedup on a loaded
 * machine); after the last sample, simulated time runs at the nominal speedup. Used to put the
 * pipelines' {@code written_at} on the simulated clock before latency is measured.
 */
final class SimulatedClock {
    private record Sample(Instant real, Instant simulated) {}

    private final double speedup;
    private final List<Sample> samples = new ArrayList<>();

    SimulatedClock(double speedup) {
        this.speedup = speedup;
    }

    synchronized void sample(Instant real, Instant simulated) {
        if (!samples.isEmpty()) {
            Sample last = samples.get(samples.size() - 1);
            if (!real.isAfter(last.real()) || simulated.isBefore(last.simulated())) {
                return;
            }
        }
        samples.add(new Sample(real, simulated));
    }

    /** Rewrites {@code card_transactions.written_at} of each schema onto the simulated clock. */
    synchronized void rewriteWrittenAt(Connection db, List<String> schemas) throws SQLException {
        if (samples.isEmpty()) {
            return;
        }
        boolean autoCommit = db.getAutoCommit();
        db.setAutoCommit(false);
        try (Statement s = db.createStatement()) {
            s.execute("SET LOCAL session_replication_role = replica");
            s.execute(
                    "CREATE TEMP TABLE demo_clock (real_from TIMESTAMPTZ PRIMARY KEY,"
                            + " sim_from TIMESTAMPTZ NOT NULL, speed FLOAT8 NOT NULL)"
                            + " ON COMMIT DROP");
            try (PreparedStatement insert =
                    db.prepareStatement("INSERT INTO pg_temp.demo_clock VALUES (?, ?, ?)")) {
                for (int i = 0; i < samples.size(); i++) {
                    Sample here = samples.get(i);
                    double speed = speedup;
                    if (i + 1 < samples.size()) {
                        Sample next = samples.get(i + 1);
                        speed =
                                (double)
                                                Duration.between(here.simulated(), next.simulated())
                                                        .toNanos()
                                        / Duration.between(here.real(), next.real()).toNanos();
                    }
                    insert.setTimestamp(1, Timestamp.from(here.real()));
                    insert.setTimestamp(2, Timestamp.from(here.simulated()));
                    insert.setDouble(3, speed);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            String sql = sql();
            for (String schema : schemas) {
                s.executeUpdate(sql.replace("{schema}", schema));
            }
            db.commit();
        } catch (SQLException | RuntimeException e) {
            db.rollback();
            throw e;
        } finally {
            db.setAutoCommit(autoCommit);
        }
    }

    private static String sql() {
        try (InputStream in =
                SimulatedClock.class.getResourceAsStream("simulated_written_at.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("simulated_written_at.sql missing", e);
        }
    }
}

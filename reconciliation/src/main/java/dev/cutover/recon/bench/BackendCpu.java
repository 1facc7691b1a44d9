package dev.cutover.recon.bench;

import dev.cutover.recon.db.ConnectionSpec;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU seconds of the PostgreSQL backends that serve one benchmarked diff, per side, and of this
 * JVM, so the benchmark can report work next to wall-clock time (a shared machine's load inflates
 * the latter far more). A thread polls {@code pg_stat_activity} every 50 ms on a connection of its
 * own, assigns each other backend to the side whose table its query reads (both tables: {@code
 * both}), and keeps the largest {@code utime + stime} seen in its {@code /proc/PID/stat}. Only for
 * a database on this machine (the embedded one, or {@code --jdbc-url} to a local server); elsewhere
 * every figure is 0. A backend's last &lt; 50 ms may be missed.
 */
final class BackendCpu implements AutoCloseable {
    private static final double TICKS_PER_SECOND = 100.0;
    private static final long POLL_MS = 50;

    private final Connection connection;
    private final String left;
    private final String right;
    private final Map<Long, String> sides = new HashMap<>();
    private final Map<Long, Long> ticks = new HashMap<>();
    private final long clientStart = processCpuNanos();
    private final Thread poller;
    private volatile boolean running = true;

    /**
     * Starts polling; {@code left} and {@code right} are the tables' names as they appear in the
     * diff's queries.
     */
    BackendCpu(ConnectionSpec db, String left, String right) throws SQLException {
        this.connection = db.open();
        this.left = left;
        this.right = right;
        this.poller = new Thread(this::poll, "recon-bench-backend-cpu");
        poller.setDaemon(true);
        poller.start();
    }

    private void poll() {
        while (running) {
            try (Statement s = connection.createStatement();
                    ResultSet r =
                            s.executeQuery(
                                    "SELECT pid, query FROM pg_stat_activity"
                                            + " WHERE backend_type = 'client backend'"
                                            + " AND pid <> pg_backend_pid()")) {
                while (r.next()) {
                    long pid = r.getLong(1);
                    String query = r.getString(2);
                    String side = side(query == null ? "" : query);
                    synchronized (this) {
                        if (side != null) {
                            sides.merge(pid, side, (a, b) -> a.equals(b) ? a : "both");
                        }
                        long t = ticks(pid);
                        if (t >= 0) {
                            ticks.merge(pid, t, Math::max);
                        }
                    }
                }
                Thread.sleep(POLL_MS);
            } catch (SQLException e) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private String side(String query) {
        boolean l = query.contains(left);
        boolean r = query.contains(right);
        return l && r ? "both" : l ? "left" : r ? "right" : null;
    }

    /** Stops polling; the figures since the start. */
    CpuSeconds stop() throws InterruptedException {
        running = false;
        poller.join();
        double l = 0;
        double r = 0;
        double b = 0;
        synchronized (this) {
            for (Map.Entry<Long, Long> e : ticks.entrySet()) {
                double seconds = e.getValue() / TICKS_PER_SECOND;
                switch (sides.getOrDefault(e.getKey(), "")) {
                    case "left" -> l += seconds;
                    case "right" -> r += seconds;
                    case "both" -> b += seconds;
                    default -> {}
                }
            }
        }
        return CpuSeconds.of(l, r, b, (processCpuNanos() - clientStart) / 1e9);
    }

    @Override
    public void close() throws SQLException {
        running = false;
        connection.close();
    }

    private static long ticks(long pid) {
        try {
            String s = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }
}

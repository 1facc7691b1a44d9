package dev.cutover.stack;

import dev.cutover.contract.Ports;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node KRaft Kafka broker (its own controller) running in this JVM, listening on 127.0.0.1
 * only.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);

    private final KafkaConfig config;
    private final Duration startTimeout;
    private KafkaRaftServer server;
    private final int port;
    private final int controllerPort;
    private final Path dataDir;
    private final String clusterId;
    private final RunFolder ownedFolder;
    private boolean closed;

    private EmbeddedKafka(
            KafkaConfig config,
            Duration startTimeout,
            KafkaRaftServer server,
            int port,
            int controllerPort,
            Path dataDir,
            String clusterId,
            RunFolder ownedFolder) {
        this.config = config;
        this.startTimeout = startTimeout;
        this.server = server;
        this.port = port;
        this.controllerPort = controllerPort;
        this.dataDir = dataDir;
        this.clusterId = clusterId;
        this.ownedFolder = ownedFolder;
    }

    /**
     * Starts a broker as {@code options} say ({@code kafkaPort}, {@code runDir}, {@code
     * startTimeout}, {@code kafkaAutoCreateTopics}, {@code kafkaProperties}) and waits until an
     * admin client can describe the cluster.
     *
     * @throws StackException when the options are impossible or the broker does not come up
     */
    public static EmbeddedKafka start(StackOptions options) {
        return RunFolder.startAlone(options.runDir(), folder -> start(options, folder, folder));
    }

    static EmbeddedKafka start(StackOptions options, RunFolder folder, RunFolder ownedFolder) {
        int port = ServicePorts.freeOrRequested(options.kafkaPort(), "Kafka");
        int controllerPort = Ports.free();
        Path dataDir = folder.serviceFolder("kafka");
        long startNanos = System.nanoTime();
        Properties properties =
                KafkaBrokerProperties.of(
                        port,
                        controllerPort,
                        dataDir,
                        options.kafkaAutoCreateTopics(),
                        options.startTimeout(),
                        options.kafkaProperties());
        String where = "127.0.0.1:" + port + " (data in " + dataDir + ")";
        KafkaConfig config;
        try {
            config = KafkaConfig.fromProps(properties, false);
        } catch (RuntimeException e) {
            throw StackException.badConfiguration(
                    "Kafka broker configuration is invalid: " + e.getMessage(), e);
        }
        String clusterId = Uuid.randomUuid().toString();
        format(dataDir, clusterId, where);

        KafkaRaftServer server;
        try {
            server = new KafkaRaftServer(config, Time.SYSTEM);
        } catch (RuntimeException e) {
            throw StackException.infrastructure(
                    "Kafka broker could not be created on " + where + ": " + e, e);
        }
        try {
            server.startup();
            awaitReady("127.0.0.1:" + port, options.startTimeout());
        } catch (RuntimeException e) {
            stopQuietly(server);
            throw StackException.infrastructure(
                    "Kafka broker failed to start on " + where + ": " + StackException.describe(e),
                    e);
        }
        LOG.info(
                "Kafka broker ready on 127.0.0.1:{} in {} ms (controller port {}, data in {})",
                port,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos),
                controllerPort,
                dataDir);
        return new EmbeddedKafka(
                config,
                options.startTimeout(),
                server,
                port,
                controllerPort,
                dataDir,
                clusterId,
                ownedFolder);
    }

    /** {@code 127.0.0.1:PORT}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** The KRaft controller's port (clients never need it). */
    public int controllerPort() {
        return controllerPort;
    }

    public Path dataDir() {
        return dataDir;
    }

    public String clusterId() {
        return clusterId;
    }

    /**
     * Restarts the broker in place, as a rolling restart of a one-node cluster would: a controlled
     * shutdown, then a new broker on the same ports and log folder (no format), keeping every
     * topic, record and committed offset. Clients reconnect on their own (producers retry; with
     * idempotence, nothing is written twice).
     *
     * @return how long the broker did not serve (from the shutdown to {@code describeCluster}
     *     answering again)
     * @throws StackException of kind {@code INFRASTRUCTURE} when it does not come back
     */
    public synchronized Duration restart() {
        if (closed) {
            throw new IllegalStateException("Kafka broker on 127.0.0.1:" + port + " is closed");
        }
        long downNanos = System.nanoTime();
        String where = "127.0.0.1:" + port + " (data in " + dataDir + ")";
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            throw StackException.infrastructure(
                    "Kafka broker on " + where + " did not stop for a restart: " + e, e);
        }
        try {
            server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
            awaitReady(bootstrapServers(), startTimeout);
        } catch (RuntimeException e) {
            throw StackException.infrastructure(
                    "Kafka broker failed to restart on "
                            + where
                            + ": "
                            + StackException.describe(e),
                    e);
        }
        Duration down = Duration.ofNanos(System.nanoTime() - downNanos);
        LOG.debug("Kafka broker on 127.0.0.1:{} restarted; down {} ms", port, down.toMillis());
        return down;
    }

    /** Shuts the broker down and waits until it has; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.shutdown();
            server.awaitShutdown();
            LOG.info("Kafka broker on 127.0.0.1:{} stopped", port);
        } catch (RuntimeException e) {
            throw StackException.infrastructure(
                    "Kafka broker on 127.0.0.1:" + port + " did not stop cleanly: " + e, e);
        } finally {
            if (ownedFolder != null) {
                ownedFolder.deleteIfTemporary();
            }
        }
    }

    private static void format(Path dataDir, String clusterId, String where) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (PrintStream printStream = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            new Formatter()
                    .setPrintStream(printStream)
                    .setNodeId(KafkaBrokerProperties.NODE_ID)
                    .setClusterId(clusterId)
                    .setControllerListenerName(KafkaBrokerProperties.CONTROLLER_LISTENER)
                    .setDirectories(Set.of(dataDir.toString()))
                    .setMetadataLogDirectory(dataDir.toString())
                    .run();
        } catch (Exception e) {
            throw StackException.infrastructure(
                    "Kafka log folder could not be formatted for " + where + ": " + e, e);
        }
        LOG.debug("Formatted {}: {}", dataDir, output.toString(StandardCharsets.UTF_8).trim());
    }

    private static void awaitReady(String bootstrapServers, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Object> config =
                Map.of(
                        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        try (Admin admin = Admin.create(config)) {
            Exception last = null;
            while (System.nanoTime() < deadline) {
                try {
                    if (!admin.describeCluster(new DescribeClusterOptions().timeoutMs(5_000))
                            .nodes()
                            .get(5, TimeUnit.SECONDS)
                            .isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    last = e;
                }
                Thread.sleep(100);
            }
            throw new IllegalStateException(
                    "no answer to describeCluster within " + timeout.toSeconds() + " s", last);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker", e);
        }
    }

    private static void stopQuietly(KafkaRaftServer server) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            LOG.warn("Kafka broker did not stop cleanly after a failed start: {}", e.toString());
        }
    }
}

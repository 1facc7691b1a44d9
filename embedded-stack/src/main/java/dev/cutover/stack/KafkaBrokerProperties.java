package dev.cutover.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/** The properties of a single-node KRaft broker that is its own controller. */
final class KafkaBrokerProperties {

    static final int NODE_ID = 1;
    static final String BROKER_LISTENER = "PLAINTEXT";
    static final String CONTROLLER_LISTENER = "CONTROLLER";

    /** The broker's default retention by time; -1 keeps records of any age. */
    static final String RETENTION_MS = "log.retention.ms";

    private static final Set<String> RETENTION_KEYS =
            Set.of(RETENTION_MS, "log.retention.minutes", "log.retention.hours");

    private KafkaBrokerProperties() {}

    /**
     * @param port the client (broker) port
     * @param controllerPort the KRaft controller port
     * @param logDir the only log folder; it also holds the metadata log
     * @param autoCreateTopics the broker's {@code auto.create.topics.enable}
     * @param startTimeout bounds the broker's registration with its controller
     * @param overrides applied last
     */
    static Properties of(
            int port,
            int controllerPort,
            Path logDir,
            boolean autoCreateTopics,
            Duration startTimeout,
            Map<String, String> overrides) {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", Integer.toString(NODE_ID));
        p.setProperty("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        p.setProperty(
                "listeners",
                BROKER_LISTENER
                        + "://127.0.0.1:"
                        + port
                        + ","
                        + CONTROLLER_LISTENER
                        + "://127.0.0.1:"
                        + controllerPort);
        p.setProperty("advertised.listeners", BROKER_LISTENER + "://127.0.0.1:" + port);
        p.setProperty("controller.listener.names", CONTROLLER_LISTENER);
        p.setProperty("inter.broker.listener.name", BROKER_LISTENER);
        p.setProperty(
                "listener.security.protocol.map",
                BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.setProperty("log.dirs", logDir.toString());
        p.setProperty("auto.create.topics.enable", Boolean.toString(autoCreateTopics));

        // One node: every internal topic has one replica.
        p.setProperty("num.partitions", "1");
        p.setProperty("default.replication.factor", "1");
        p.setProperty("min.insync.replicas", "1");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "1");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("transaction.state.log.num.partitions", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.num.partitions", "1");

        // Small and quick for a test machine: consumer groups form at once, few threads,
        // and the log cleaner does not take its default 128 MiB of heap.
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("num.network.threads", "2");
        p.setProperty("num.io.threads", "4");
        p.setProperty("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024));
        p.setProperty(
                "initial.broker.registration.timeout.ms", Long.toString(startTimeout.toMillis()));

        // Never delete by age: a simulated clock stamps records hours or weeks in the past, and
        // Kafka deletes a segment once its newest timestamp is older than retention.ms, whatever
        // the offsets. Size-based retention stays off too (the default). A retention the caller
        // sets in any unit wins (Kafka would prefer log.retention.ms over .minutes and .hours).
        if (overrides.keySet().stream().noneMatch(RETENTION_KEYS::contains)) {
            p.setProperty(RETENTION_MS, "-1");
        }

        overrides.forEach(p::setProperty);
        return p;
    }
}

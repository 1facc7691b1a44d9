package dev.cutover.loadgen.produce;

import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The producer configuration of a run: the user's client properties (security, TLS with inline PEM,
 * SASL, tuning), with idempotence and {@code acks=all} always on and byte-array serialisers.
 */
public final class ProducerSettings {
    public static final String DEFAULT_LINGER_MS = "5";
    public static final String DEFAULT_BATCH_SIZE = "65536";

    private ProducerSettings() {}

    public static Properties of(Properties client) {
        Properties p = new Properties();
        p.putAll(client);
        p.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, DEFAULT_LINGER_MS);
        p.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, DEFAULT_BATCH_SIZE);
        p.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "cutover-load-generator");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }
}

package dev.cutover.parity.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stream's consumer lag for the progress line: records in the topic past the offsets the Flink
 * job's consumer group has committed (Flink commits them on each completed checkpoint, so the lag
 * includes up to one checkpoint interval). Polled every 2 s on a thread of its own.
 */
public final class StreamLag implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamLag.class);

    private final Admin admin;
    private final String topic;
    private final String group;
    private final Thread poller;
    private volatile long lag = -1;
    private volatile boolean closed;

    public StreamLag(Properties kafka, String topic, String group) {
        Properties config = new Properties();
        config.putAll(kafka);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        this.admin = Admin.create(config);
        this.topic = topic;
        this.group = group;
        this.poller = new Thread(this::poll, "parity-stream-lag");
        poller.setDaemon(true);
        poller.start();
    }

    /** The last lag measured, or empty before the job has committed anything. */
    public OptionalLong lag() {
        long value = lag;
        return value < 0 ? OptionalLong.empty() : OptionalLong.of(value);
    }

    private void poll() {
        while (!closed) {
            try {
                lag = measure();
                Thread.sleep(Duration.ofSeconds(2).toMillis());
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                LOG.debug("measuring the stream's lag: {}", e.getMessage());
            }
        }
    }

    private long measure() throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata()
                        .get(5, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> request =
                committed.keySet().stream()
                        .filter(p -> p.topic().equals(topic))
                        .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
        if (request.isEmpty()) {
            return -1;
        }
        Map<TopicPartition, ListOffsetsResultInfo> ends =
                admin.listOffsets(request).all().get(5, TimeUnit.SECONDS);
        long total = 0;
        for (Map.Entry<TopicPartition, ListOffsetsResultInfo> end : ends.entrySet()) {
            OffsetAndMetadata at = committed.get(end.getKey());
            total += Math.max(0, end.getValue().offset() - (at == null ? 0 : at.offset()));
        }
        return total;
    }

    @Override
    public void close() {
        closed = true;
        poller.interrupt();
        admin.close(Duration.ofSeconds(2));
    }
}

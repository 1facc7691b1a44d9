package dev.cutover.loadgen.produce;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

/**
 * What a topic does with record timestamps, from its effective configuration (the topic's own
 * value, else the broker's default): how long it keeps records, and how far into the past or the
 * future a producer's timestamp may lie before the broker rejects the record.
 *
 * @param topic the topic
 * @param retention how long records are kept, by timestamp; empty = forever ({@code retention.ms}
 *     -1)
 * @param maxAhead how far ahead of the broker's clock a timestamp may be ({@code
 *     message.timestamp.after.max.ms})
 * @param maxBehind how far behind the broker's clock a timestamp may be ({@code
 *     message.timestamp.before.max.ms})
 * @param logAppendTime the broker stamps records itself ({@code message.timestamp.type} {@code
 *     LogAppendTime}); the producer's timestamps are then ignored
 */
public record TopicLimits(
        String topic,
        Optional<Duration> retention,
        Duration maxAhead,
        Duration maxBehind,
        boolean logAppendTime) {

    /** Kafka's defaults: 7 days, 1 h ahead, any age behind, CreateTime. */
    public static TopicLimits kafkaDefaults(String topic) {
        return new TopicLimits(
                topic,
                Optional.of(Duration.ofDays(7)),
                Duration.ofHours(1),
                Duration.ofMillis(Long.MAX_VALUE),
                false);
    }

    /**
     * Reads the topic's effective configuration.
     *
     * @throws TopicPreparation.KafkaUnavailableException when the cluster does not answer in time
     */
    public static TopicLimits describe(Admin admin, String topic, Duration timeout) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config;
        try {
            config =
                    admin.describeConfigs(List.of(resource))
                            .all()
                            .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                            .get(resource);
        } catch (TimeoutException e) {
            throw new TopicPreparation.KafkaUnavailableException(
                    "Kafka did not describe topic '"
                            + topic
                            + "' within "
                            + timeout.toSeconds()
                            + " s",
                    e);
        } catch (ExecutionException e) {
            throw new TopicPreparation.KafkaUnavailableException(
                    "cannot describe topic '" + topic + "': " + e.getCause().getMessage(),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TopicPreparation.KafkaUnavailableException("interrupted", e);
        }
        TopicLimits defaults = kafkaDefaults(topic);
        long retentionMs =
                millis(config, TopicConfig.RETENTION_MS_CONFIG)
                        .orElse(defaults.retention().orElseThrow().toMillis());
        return new TopicLimits(
                topic,
                retentionMs < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(retentionMs)),
                millis(config, TopicConfig.MESSAGE_TIMESTAMP_AFTER_MAX_MS_CONFIG)
                        .map(Duration::ofMillis)
                        .orElse(defaults.maxAhead()),
                millis(config, TopicConfig.MESSAGE_TIMESTAMP_BEFORE_MAX_MS_CONFIG)
                        .map(Duration::ofMillis)
                        .orElse(defaults.maxBehind()),
                Optional.ofNullable(config.get(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG))
                        .map(ConfigEntry::value)
                        .filter("LogAppendTime"::equals)
                        .isPresent());
    }

    private static Optional<Long> millis(Config config, String key) {
        ConfigEntry entry = config.get(key);
        if (entry == null || entry.value() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(entry.value().trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}

package dev.cutover.loadgen.produce;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** Checks that the topic exists (creating it when asked) and returns its partition count. */
public final class TopicPreparation {
    private TopicPreparation() {}

    /** The topic is missing and nobody asked to create it. */
    public static final class TopicMissingException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TopicMissingException(String topic) {
            super("topic '" + topic + "' does not exist");
        }
    }

    /** The cluster did not answer in time, or failed. */
    public static final class KafkaUnavailableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        KafkaUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * @param createPartitions when present and the topic is missing, create it with that many
     *     partitions (the cluster's default replication factor)
     */
    public static int prepare(
            Admin admin, String topic, Optional<Integer> createPartitions, Duration timeout) {
        long millis = timeout.toMillis();
        try {
            Optional<TopicDescription> existing = describe(admin, topic, millis);
            if (existing.isPresent()) {
                return existing.get().partitions().size();
            }
            if (createPartitions.isEmpty()) {
                throw new TopicMissingException(topic);
            }
            try {
                admin.createTopics(
                                List.of(
                                        new NewTopic(
                                                topic,
                                                Optional.of(createPartitions.get()),
                                                Optional.empty())))
                        .all()
                        .get(millis, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                Optional<TopicDescription> created = describe(admin, topic, millis);
                if (created.isPresent()
                        && created.get().partitions().stream().allMatch(p -> p.leader() != null)) {
                    return created.get().partitions().size();
                }
                Thread.sleep(50);
            }
            throw new KafkaUnavailableException(
                    "topic '" + topic + "' has no leader for every partition after " + timeout,
                    null);
        } catch (TimeoutException e) {
            throw new KafkaUnavailableException(
                    "Kafka did not answer within " + timeout.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw new KafkaUnavailableException(
                        "Kafka did not answer within "
                                + timeout.toSeconds()
                                + " s ("
                                + e.getCause().getMessage()
                                + ")",
                        e.getCause());
            }
            throw new KafkaUnavailableException(
                    "Kafka failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException("interrupted", e);
        }
    }

    private static Optional<TopicDescription> describe(Admin admin, String topic, long millis)
            throws InterruptedException, ExecutionException, TimeoutException {
        try {
            return Optional.of(
                    admin.describeTopics(List.of(topic))
                            .allTopicNames()
                            .get(millis, TimeUnit.MILLISECONDS)
                            .get(topic));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Optional.empty();
            }
            throw e;
        }
    }
}

package dev.cutover.parity.kafka;

import dev.cutover.contract.CutoverException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * A topic's offsets summed over its partitions: how many records it holds (latest minus earliest)
 * and how many it has deleted (earliest).
 */
public record TopicRecords(long earliest, long latest) {

    public long held() {
        return latest - earliest;
    }

    public static TopicRecords of(Admin admin, String topic, Duration timeout) {
        try {
            var partitions =
                    admin
                            .describeTopics(List.of(topic))
                            .allTopicNames()
                            .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                            .get(topic)
                            .partitions()
                            .stream()
                            .map(p -> new TopicPartition(topic, p.partition()))
                            .toList();
            return new TopicRecords(
                    offsets(admin, partitions, OffsetSpec.earliest(), timeout),
                    offsets(admin, partitions, OffsetSpec.latest(), timeout));
        } catch (ExecutionException | TimeoutException e) {
            throw CutoverException.infrastructure(
                    "Kafka: cannot read the offsets of topic " + topic + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CutoverException.infrastructure("interrupted reading offsets of " + topic, e);
        }
    }

    private static long offsets(
            Admin admin, List<TopicPartition> partitions, OffsetSpec spec, Duration timeout)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetSpec> request =
                partitions.stream().collect(Collectors.toMap(p -> p, p -> spec));
        return admin
                .listOffsets(request)
                .all()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .values()
                .stream()
                .mapToLong(ListOffsetsResultInfo::offset)
                .sum();
    }
}

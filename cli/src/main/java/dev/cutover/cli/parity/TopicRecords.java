package dev.cutover.cli.parity;

import dev.cutover.cli.CutoverException;
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

/** How many records a topic holds (latest minus earliest offset, over its partitions). */
final class TopicRecords {
    private TopicRecords() {}

    static long count(Admin admin, String topic, Duration timeout) {
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
            return offsets(admin, partitions, OffsetSpec.latest(), timeout)
                    - offsets(admin, partitions, OffsetSpec.earliest(), timeout);
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

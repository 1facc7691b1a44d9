package dev.cutover.cli.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.stack.Service;
import dev.cutover.stack.StackEndpoints;
import dev.cutover.testkit.EmbeddedStackTest;
import dev.cutover.testkit.KafkaTopics;
import dev.cutover.testkit.TestTime;
import dev.cutover.testkit.TestTopic;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code cutover generate} refuses, before sending anything, a run whose records its topic would
 * delete by age or reject as too far ahead of the broker's clock.
 */
@EmbeddedStackTest(services = {Service.KAFKA, Service.SCHEMA_REGISTRY})
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class GenerateTimestampLimitsITCase {

    private static final Map<String, String> ONE_DAY =
            Map.of("retention.ms", Long.toString(Duration.ofDays(1).toMillis()));

    @Test
    void aStartPastTheTopicsRetentionExitsTwoAndSendsNothing(
            StackEndpoints stack, TestTopic topic) {
        KafkaTopics.create(
                stack.kafkaBootstrapServers(),
                topic.name(),
                2,
                ONE_DAY,
                KafkaTopics.DEFAULT_TIMEOUT);
        Instant threeDaysAgo = TestTime.hourStart(72);

        CliRun refused =
                generate(stack, topic, "--events", "200", "--start", threeDaysAgo.toString());

        assertThat(refused.code()).as(refused.toString()).isEqualTo(2);
        assertThat(refused.errLines())
                .as(refused.toString())
                .singleElement()
                .asString()
                .contains(
                        "topic " + topic.name() + " keeps records for 1d (retention.ms 86400000)",
                        "oldest record would be stamped " + threeDaysAgo,
                        "nothing was sent",
                        "a --start between",
                        "--no-timestamp-check");
        assertThat(KafkaTopics.offsets(stack.kafkaBootstrapServers(), topic.name()).latest())
                .isZero();

        CliRun inside =
                generate(
                        stack,
                        topic,
                        "--events",
                        "200",
                        "--start",
                        TestTime.hourStart(2).toString());

        assertThat(inside.code()).as(inside.toString()).isZero();
        assertThat(KafkaTopics.offsets(stack.kafkaBootstrapServers(), topic.name()).held())
                .isEqualTo(200);
    }

    @Test
    void aSimulatedClockPastTheBrokersFutureLimitExitsTwoAndSendsNothing(
            StackEndpoints stack, TestTopic topic) {
        KafkaTopics.create(stack.kafkaBootstrapServers(), topic.name(), 2);

        // 50,000 records 3.6 simulated seconds apart from two hours ago: the last would be
        // stamped 48 hours ahead, where the broker's limit is one hour.
        CliRun refused =
                generate(
                        stack,
                        topic,
                        "--events",
                        "50000",
                        "--speedup",
                        "3600",
                        "--start",
                        TestTime.hourStart(2).toString());

        assertThat(refused.code()).as(refused.toString()).isEqualTo(2);
        assertThat(refused.errLines())
                .as(refused.toString())
                .singleElement()
                .asString()
                .contains(
                        "rejects timestamps more than 1h ahead of the broker's clock"
                                + " (message.timestamp.after.max.ms 3600000): record 49999",
                        "nothing was sent",
                        "or earlier");
        assertThat(KafkaTopics.offsets(stack.kafkaBootstrapServers(), topic.name()).latest())
                .isZero();
    }

    private static CliRun generate(StackEndpoints stack, TestTopic topic, String... options) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "generate",
                                "--bootstrap-servers",
                                stack.kafkaBootstrapServers(),
                                "--schema-registry",
                                stack.schemaRegistryUrl(),
                                "--topic",
                                topic.name(),
                                "--rate",
                                "0"));
        args.addAll(List.of(options));
        return CliRun.of(args.toArray(String[]::new));
    }
}

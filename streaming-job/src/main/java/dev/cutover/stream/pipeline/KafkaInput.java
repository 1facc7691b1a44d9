package dev.cutover.stream.pipeline;

import dev.cutover.contract.stream.StreamJobOptions;
import dev.cutover.stream.io.KafkaRecord;
import dev.cutover.stream.io.KafkaRecordDeserializer;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/** The production source: the card-transactions topic as raw {@link KafkaRecord}s. */
public final class KafkaInput {
    private KafkaInput() {}

    public static KafkaSource<KafkaRecord> source(StreamJobOptions options) {
        KafkaSourceBuilder<KafkaRecord> builder =
                KafkaSource.<KafkaRecord>builder()
                        .setBootstrapServers(options.bootstrapServers())
                        .setTopics(options.topic())
                        .setGroupId(options.groupId())
                        .setDeserializer(new KafkaRecordDeserializer())
                        .setProperties(options.kafkaClientProperties())
                        .setProperty("commit.offsets.on.checkpoint", "true")
                        .setStartingOffsets(
                                switch (options.startingOffsets()) {
                                    case EARLIEST -> OffsetsInitializer.earliest();
                                    case LATEST -> OffsetsInitializer.latest();
                                    case COMMITTED ->
                                            OffsetsInitializer.committedOffsets(
                                                    OffsetResetStrategy.EARLIEST);
                                });
        if (options.bounded()) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }
}

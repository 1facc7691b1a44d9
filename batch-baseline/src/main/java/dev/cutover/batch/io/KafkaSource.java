package dev.cutover.batch.io;

import java.util.Map;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Spark's Kafka source in batch mode over fixed offset ranges. */
public final class KafkaSource {
    private KafkaSource() {}

    /**
     * The records of {@code offsets} as rows {@code key, value, topic, partition, offset,
     * timestamp, timestampType}.
     *
     * @param kafkaProperties Kafka client properties (bootstrap servers, TLS, SASL, …)
     * @param minPartitions at least this many Spark partitions (Spark splits large offset ranges);
     *     0: one per Kafka partition
     */
    public static Dataset<Row> read(
            SparkSession spark,
            Map<String, String> kafkaProperties,
            TopicOffsets offsets,
            int minPartitions) {
        DataFrameReader reader =
                spark.read()
                        .format("kafka")
                        // assign, not subscribe: exactly the recorded partitions, even if the
                        // topic has grown since (a rerun reads the same records).
                        .option("assign", offsets.assignJson())
                        .option("startingOffsets", offsets.sparkJson(offsets.start()))
                        .option("endingOffsets", offsets.sparkJson(offsets.end()))
                        .option("kafka.isolation.level", "read_committed");
        if (minPartitions > 0) {
            reader.option("minPartitions", minPartitions);
        }
        kafkaProperties.forEach((key, value) -> reader.option("kafka." + key, value));
        return reader.load();
    }
}

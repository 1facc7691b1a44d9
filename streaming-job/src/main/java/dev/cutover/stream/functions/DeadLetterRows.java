package dev.cutover.stream.functions;

import java.time.Instant;
import java.util.Base64;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Schema;
import org.apache.flink.types.Row;

/** A record that could not be decoded, as the row {@code stream.dead_letters} stores. */
public final class DeadLetterRows {
    public static final String[] NAMES = {
        "topic",
        "kafka_partition",
        "kafka_offset",
        "kafka_timestamp",
        "reason",
        "detail",
        "raw_base64"
    };

    public static final TypeInformation<Row> TYPE =
            Types.ROW_NAMED(
                    NAMES,
                    Types.STRING,
                    Types.INT,
                    Types.LONG,
                    Types.INSTANT,
                    Types.STRING,
                    Types.STRING,
                    Types.STRING);

    private DeadLetterRows() {}

    public static Schema tableSchema() {
        return Schema.newBuilder()
                .column("topic", DataTypes.STRING().notNull())
                .column("kafka_partition", DataTypes.INT().notNull())
                .column("kafka_offset", DataTypes.BIGINT().notNull())
                .column("kafka_timestamp", DataTypes.TIMESTAMP_LTZ(3))
                .column("reason", DataTypes.STRING().notNull())
                .column("detail", DataTypes.STRING())
                .column("raw_base64", DataTypes.STRING())
                .build();
    }

    public static Row of(
            String topic,
            int partition,
            long offset,
            Instant kafkaTimestamp,
            String reason,
            String detail,
            byte[] raw) {
        return Row.of(
                topic,
                partition,
                offset,
                kafkaTimestamp,
                reason,
                detail,
                raw == null ? null : Base64.getEncoder().encodeToString(raw));
    }
}

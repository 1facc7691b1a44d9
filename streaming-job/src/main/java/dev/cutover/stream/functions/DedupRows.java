package dev.cutover.stream.functions;

import java.util.Arrays;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.RowTypeInfo;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Schema;
import org.apache.flink.types.Row;

/**
 * The columns of a decoded {@link TransactionRows} row that the job's SQL reads ({@code
 * sql/card_transactions.sql}), plus the Kafka position the first-arrival order needs: the row that
 * crosses the shuffle by {@code transaction_id}, lives in {@link FirstArrivalFunction}'s state (and
 * its checkpoints) and is converted to the table view {@code first_arrivals}. The columns no output
 * uses (merchant id and name, channel, the attributes map, device id, FX hint, schema id, topic)
 * are left out: carrying them cost serialisation on the shuffle, state and snapshot size and a
 * conversion to internal rows per record (streaming-job/README.md "Measured").
 */
public final class DedupRows {
    public static final String[] NAMES = {
        "transaction_id",
        "account_id",
        "card_number",
        "mcc",
        "merchant_country",
        "amount",
        "currency",
        "event_time",
        "status",
        "kafka_partition",
        "kafka_offset",
        "kafka_timestamp"
    };

    public static final int TRANSACTION_ID = 0;
    public static final int KAFKA_PARTITION = 9;
    public static final int KAFKA_OFFSET = 10;
    public static final int KAFKA_TIMESTAMP = 11;

    /** The fields of {@link TransactionRows} kept, in {@link #NAMES} order. */
    private static final int[] FROM_DECODED =
            Arrays.stream(NAMES)
                    .mapToInt(name -> Arrays.asList(TransactionRows.NAMES).indexOf(name))
                    .toArray();

    /** The DataStream types of the fields: those of {@link TransactionRows#TYPE}. */
    private static final TypeInformation<?>[] FIELD_TYPES =
            Arrays.stream(FROM_DECODED)
                    .mapToObj(i -> ((RowTypeInfo) TransactionRows.TYPE).getTypeAt(i))
                    .toArray(TypeInformation<?>[]::new);

    /** The DataStream type; {@link #tableSchema()} gives the exact SQL types. */
    public static final TypeInformation<Row> TYPE = Types.ROW_NAMED(NAMES, FIELD_TYPES);

    /**
     * {@link FirstArrivalFunction}'s state: a {@link #TYPE} row without {@code transaction_id} (the
     * state's key), field {@code i} of {@link #NAMES} at {@code i - 1}.
     */
    public static final TypeInformation<Row> STATE_TYPE =
            Types.ROW_NAMED(
                    Arrays.copyOfRange(NAMES, 1, NAMES.length),
                    Arrays.copyOfRange(FIELD_TYPES, 1, FIELD_TYPES.length));

    private DedupRows() {}

    /** The state form of a {@link #TYPE} row (a new row; same field objects). */
    public static Row stateOf(Row row) {
        Row kept = new Row(NAMES.length - 1);
        for (int i = 1; i < NAMES.length; i++) {
            kept.setField(i - 1, row.getField(i));
        }
        return kept;
    }

    /** The {@link #TYPE} row of {@code transactionId} and its state form (a new row). */
    public static Row fromState(String transactionId, Row kept) {
        Row row = new Row(NAMES.length);
        row.setField(TRANSACTION_ID, transactionId);
        for (int i = 1; i < NAMES.length; i++) {
            row.setField(i, kept.getField(i - 1));
        }
        return row;
    }

    /** The compact row of a decoded {@link TransactionRows} row (a new row; same field objects). */
    public static Row of(Row decoded) {
        Row row = new Row(NAMES.length);
        for (int i = 0; i < FROM_DECODED.length; i++) {
            row.setField(i, decoded.getField(FROM_DECODED[i]));
        }
        return row;
    }

    /**
     * The SQL view {@code first_arrivals}: decimals with the schema's precision and scale, times as
     * {@code TIMESTAMP_LTZ(3)} instants, and {@code event_rowtime}, the event-time attribute whose
     * watermarks the stream carries. Types as in {@link TransactionRows#tableSchema()}.
     */
    public static Schema tableSchema() {
        return Schema.newBuilder()
                .column("transaction_id", DataTypes.STRING().notNull())
                .column("account_id", DataTypes.STRING().notNull())
                .column("card_number", DataTypes.STRING().notNull())
                .column("mcc", DataTypes.STRING())
                .column("merchant_country", DataTypes.STRING())
                .column("amount", DataTypes.DECIMAL(18, 2).notNull())
                .column("currency", DataTypes.STRING().notNull())
                .column("event_time", DataTypes.TIMESTAMP_LTZ(3).notNull())
                .column("status", DataTypes.STRING().notNull())
                .column("kafka_partition", DataTypes.INT().notNull())
                .column("kafka_offset", DataTypes.BIGINT().notNull())
                .column("kafka_timestamp", DataTypes.TIMESTAMP_LTZ(3).notNull())
                .columnByMetadata("event_rowtime", DataTypes.TIMESTAMP_LTZ(3), "rowtime")
                .watermark("event_rowtime", "SOURCE_WATERMARK()")
                .primaryKey("transaction_id")
                .build();
    }
}

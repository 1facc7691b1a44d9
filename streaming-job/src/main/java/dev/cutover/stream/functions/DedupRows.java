package dev.cutover.stream.functions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.RowTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
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
 * conversion to internal rows per record (docs/benchmarks.md).
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
     * state's key) as one byte array ({@link #stateOf}): the Kafka position first at fixed offsets
     * ({@link #earlier} reads only those), then the other fields in {@link #NAMES} order, each with
     * a null flag. One array instead of a row of about twenty objects: the heap backend's full
     * snapshots write it as one block instead of field by field and character by character, and the
     * collector traces one object per transaction (the profile: snapshots of the row state were a
     * fifth of the job's samples, docs/benchmarks.md).
     */
    public static final TypeInformation<byte[]> STATE_TYPE =
            PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO;

    /**
     * The fields after the position header, in {@link #NAMES} order (key and position left out).
     */
    private static final int[] STATE_FIELDS =
            IntStream.range(1, NAMES.length)
                    .filter(i -> i != KAFKA_TIMESTAMP && i != KAFKA_PARTITION && i != KAFKA_OFFSET)
                    .toArray();

    private enum Kind {
        STRING,
        DECIMAL,
        INSTANT,
        INT,
        LONG;

        static Kind of(TypeInformation<?> type) {
            if (Types.STRING.equals(type)) {
                return STRING;
            } else if (Types.BIG_DEC.equals(type)) {
                return DECIMAL;
            } else if (Types.INSTANT.equals(type)) {
                return INSTANT;
            } else if (Types.INT.equals(type)) {
                return INT;
            } else if (Types.LONG.equals(type)) {
                return LONG;
            }
            throw new IllegalStateException("no state encoding for a DedupRows field of " + type);
        }
    }

    private static final Kind[] KINDS =
            Arrays.stream(FIELD_TYPES).map(Kind::of).toArray(Kind[]::new);

    private DedupRows() {}

    /** The state form of a {@link #TYPE} row (a new array). */
    public static byte[] stateOf(Row row) {
        return stateOf(row, new DataOutputSerializer(128));
    }

    /** The state form of a {@link #TYPE} row, built in {@code buffer} (cleared first). */
    public static byte[] stateOf(Row row, DataOutputSerializer buffer) {
        buffer.clear();
        try {
            Instant timestamp = (Instant) row.getField(KAFKA_TIMESTAMP);
            buffer.writeLong(timestamp.getEpochSecond());
            buffer.writeInt(timestamp.getNano());
            buffer.writeInt((Integer) row.getField(KAFKA_PARTITION));
            buffer.writeLong((Long) row.getField(KAFKA_OFFSET));
            for (int i : STATE_FIELDS) {
                write(buffer, KINDS[i], row.getField(i));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.getCopyOfBuffer();
    }

    /** The {@link #TYPE} row of {@code transactionId} and its state form (a new row). */
    public static Row fromState(String transactionId, byte[] kept) {
        Row row = new Row(NAMES.length);
        row.setField(TRANSACTION_ID, transactionId);
        DataInputDeserializer in = new DataInputDeserializer(kept);
        try {
            row.setField(KAFKA_TIMESTAMP, Instant.ofEpochSecond(in.readLong(), in.readInt()));
            row.setField(KAFKA_PARTITION, in.readInt());
            row.setField(KAFKA_OFFSET, in.readLong());
            for (int i : STATE_FIELDS) {
                row.setField(i, read(in, KINDS[i]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return row;
    }

    /**
     * Whether {@code a} (a {@link #TYPE} row) arrived before {@code kept} (a state form): Kafka
     * timestamp, then partition, then offset.
     */
    public static boolean earlier(Row a, byte[] kept) {
        ByteBuffer header = ByteBuffer.wrap(kept);
        Instant keptTimestamp = Instant.ofEpochSecond(header.getLong(0), header.getInt(8));
        int byTime = ((Instant) a.getField(KAFKA_TIMESTAMP)).compareTo(keptTimestamp);
        if (byTime != 0) {
            return byTime < 0;
        }
        int byPartition = Integer.compare((Integer) a.getField(KAFKA_PARTITION), header.getInt(12));
        if (byPartition != 0) {
            return byPartition < 0;
        }
        return (Long) a.getField(KAFKA_OFFSET) < header.getLong(16);
    }

    private static void write(DataOutputSerializer out, Kind kind, Object value)
            throws IOException {
        out.writeBoolean(value != null);
        if (value == null) {
            return;
        }
        switch (kind) {
            case STRING -> {
                byte[] bytes = ((String) value).getBytes(StandardCharsets.UTF_8);
                out.writeInt(bytes.length);
                out.write(bytes);
            }
            case DECIMAL -> {
                BigDecimal decimal = (BigDecimal) value;
                byte[] unscaled = decimal.unscaledValue().toByteArray();
                out.writeInt(decimal.scale());
                out.writeInt(unscaled.length);
                out.write(unscaled);
            }
            case INSTANT -> {
                Instant instant = (Instant) value;
                out.writeLong(instant.getEpochSecond());
                out.writeInt(instant.getNano());
            }
            case INT -> out.writeInt((Integer) value);
            case LONG -> out.writeLong((Long) value);
        }
    }

    private static Object read(DataInputDeserializer in, Kind kind) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        return switch (kind) {
            case STRING -> {
                byte[] bytes = new byte[in.readInt()];
                in.readFully(bytes);
                yield new String(bytes, StandardCharsets.UTF_8);
            }
            case DECIMAL -> {
                int scale = in.readInt();
                byte[] unscaled = new byte[in.readInt()];
                in.readFully(unscaled);
                yield new BigDecimal(new BigInteger(unscaled), scale);
            }
            case INSTANT -> Instant.ofEpochSecond(in.readLong(), in.readInt());
            case INT -> in.readInt();
            case LONG -> in.readLong();
        };
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

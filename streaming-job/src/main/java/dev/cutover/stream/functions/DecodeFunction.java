package dev.cutover.stream.functions;

import dev.cutover.model.CardTransactionSchemas;
import dev.cutover.model.wire.ConfluentAvroDecoder;
import dev.cutover.model.wire.ConfluentWireFormat;
import dev.cutover.model.wire.DecodeException;
import dev.cutover.stream.io.KafkaRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.types.Row;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Decodes Confluent-Avro values into {@link TransactionRows} with the model's decoder: the writer
 * schema is fetched by id from the registry (cached per task) and resolved to the v2 reader schema,
 * so v1 and v2 records decode in the same run. A value that is not a decodable record goes to
 * {@link #DEAD_LETTERS} with its {@code DecodeFailure} code and never fails the job; an unreachable
 * registry does fail it (an infrastructure failure, retried by the restart strategy).
 */
public final class DecodeFunction extends ProcessFunction<KafkaRecord, Row> {
    private static final long serialVersionUID = 1L;

    /** Undecodable records, as {@link DeadLetterRows}. */
    public static final OutputTag<Row> DEAD_LETTERS =
            new OutputTag<>("dead-letters", DeadLetterRows.TYPE);

    private final WriterSchemasFactory writerSchemas;
    private transient ConfluentAvroDecoder<GenericRecord> decoder;

    public DecodeFunction(WriterSchemasFactory writerSchemas) {
        this.writerSchemas = writerSchemas;
    }

    @Override
    public void open(OpenContext openContext) {
        decoder =
                ConfluentAvroDecoder.generic(
                        CardTransactionSchemas.LATEST.schema(), writerSchemas.create());
    }

    @Override
    public void processElement(KafkaRecord record, Context context, Collector<Row> out) {
        GenericRecord value;
        int schemaId;
        try {
            schemaId = ConfluentWireFormat.schemaId(record.value);
            value = decoder.decode(record.value);
        } catch (DecodeException e) {
            context.output(DEAD_LETTERS, deadLetter(record, e));
            return;
        }
        out.collect(toRow(value, schemaId, record));
    }

    /** The row of a decoded record (package-visible for tests). */
    static Row toRow(GenericRecord value, int schemaId, KafkaRecord record) {
        GenericRecord merchant = (GenericRecord) value.get("merchant");
        return TransactionRows.of(
                text(value.get("transaction_id")),
                text(value.get("account_id")),
                text(value.get("card_number")),
                text(merchant.get("id")),
                text(merchant.get("name")),
                text(merchant.get("mcc")),
                text(merchant.get("country")),
                (BigDecimal) value.get("amount"),
                text(value.get("currency")),
                (Instant) value.get("event_time"),
                text(value.get("status")),
                text(value.get("channel")),
                attributes(value.get("attributes")),
                text(value.get("device_id")),
                (BigDecimal) value.get("fx_rate_hint"),
                schemaId,
                record.topic,
                record.partition,
                record.offset,
                Instant.ofEpochMilli(record.timestamp));
    }

    static Row deadLetter(KafkaRecord record, DecodeException e) {
        return DeadLetterRows.of(
                record.topic,
                record.partition,
                record.offset,
                Instant.ofEpochMilli(record.timestamp),
                e.failure().code(),
                e.deadLetterDetail(),
                record.value);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static Map<String, String> attributes(Object value) {
        Map<String, String> result = new HashMap<>();
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> result.put(text(k), text(v)));
        }
        return result;
    }
}

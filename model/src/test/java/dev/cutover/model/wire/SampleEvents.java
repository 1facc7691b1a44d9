package dev.cutover.model.wire;

import dev.cutover.model.CardTransactionSchemas;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** Generic card-transaction records with every field set, for wire-format tests. */
final class SampleEvents {
    static final Instant EVENT_TIME = Instant.parse("2026-11-23T10:15:30.123Z");

    private SampleEvents() {}

    static GenericRecord v1() {
        return fill(new GenericData.Record(CardTransactionSchemas.V1.schema()));
    }

    static GenericRecord v2() {
        GenericRecord record = fill(new GenericData.Record(CardTransactionSchemas.V2.schema()));
        record.put("device_id", "dev-42");
        record.put("fx_rate_hint", new BigDecimal("1.08500000"));
        return record;
    }

    private static GenericRecord fill(GenericRecord record) {
        Schema schema = record.getSchema();
        GenericRecord merchant = new GenericData.Record(schema.getField("merchant").schema());
        merchant.put("id", "m-001");
        merchant.put("name", "Blue Bottle Café");
        merchant.put("mcc", "5814");
        merchant.put("country", "FR");
        record.put("transaction_id", "5f0c6a4e-8b0a-4c1e-9d55-2b1f3b0c9a11");
        record.put("account_id", "acct-00017");
        record.put("card_number", "4000056655665556");
        record.put("merchant", merchant);
        record.put("amount", new BigDecimal("1234.56"));
        record.put("currency", symbol(schema, "currency", "EUR"));
        record.put("event_time", EVENT_TIME);
        record.put("status", symbol(schema, "status", "DECLINED"));
        Schema channel = schema.getField("channel").schema().getTypes().get(1);
        record.put("channel", new GenericData.EnumSymbol(channel, "ECOM"));
        record.put("attributes", Map.of("entry_mode", "chip", "3ds", "true"));
        return record;
    }

    static GenericData.EnumSymbol symbol(Schema schema, String field, String value) {
        return new GenericData.EnumSymbol(schema.getField(field).schema(), value);
    }

    /** The Avro encoding of a decimal(18,2), for hand-built bodies. */
    static ByteBuffer decimalBytes(BigDecimal value) {
        Schema bytes = LogicalTypes.decimal(18, 2).addToSchema(Schema.create(Schema.Type.BYTES));
        return new Conversions.DecimalConversion().toBytes(value, bytes, bytes.getLogicalType());
    }
}

package dev.cutover.stream;

import dev.cutover.model.CardTransactionSchemas;
import dev.cutover.model.wire.ConfluentWireFormat;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** Card-transaction records built field by field, encoded in the Confluent wire format. */
public final class TestEvents {
    private TestEvents() {}

    /** One event's content; {@code v2} adds device_id and fx_rate_hint. */
    public record Event(
            String transactionId,
            String accountId,
            String cardNumber,
            String mcc,
            String country,
            BigDecimal amount,
            String currency,
            Instant eventTime,
            String status,
            String channel,
            Map<String, String> attributes,
            String deviceId,
            BigDecimal fxRateHint) {

        public static Event of(
                String transactionId,
                String accountId,
                String amount,
                String currency,
                String eventTime,
                String status,
                String country) {
            return new Event(
                    transactionId,
                    accountId,
                    "4000056655665556",
                    "5814",
                    country,
                    new BigDecimal(amount),
                    currency,
                    Instant.parse(eventTime),
                    status,
                    "POS",
                    Map.of("entry_mode", "chip"),
                    null,
                    null);
        }
    }

    public static GenericRecord record(Event e, CardTransactionSchemas version) {
        Schema schema = version.schema();
        GenericRecord record = new GenericData.Record(schema);
        GenericRecord merchant = new GenericData.Record(schema.getField("merchant").schema());
        merchant.put("id", "m-" + e.mcc());
        merchant.put("name", "Merchant " + e.mcc());
        merchant.put("mcc", e.mcc());
        merchant.put("country", e.country());
        record.put("transaction_id", e.transactionId());
        record.put("account_id", e.accountId());
        record.put("card_number", e.cardNumber());
        record.put("merchant", merchant);
        record.put("amount", e.amount());
        record.put(
                "currency",
                new GenericData.EnumSymbol(schema.getField("currency").schema(), e.currency()));
        record.put("event_time", e.eventTime());
        record.put(
                "status",
                new GenericData.EnumSymbol(schema.getField("status").schema(), e.status()));
        if (e.channel() != null) {
            Schema channel = schema.getField("channel").schema().getTypes().get(1);
            record.put("channel", new GenericData.EnumSymbol(channel, e.channel()));
        }
        record.put("attributes", e.attributes());
        if (version == CardTransactionSchemas.V2) {
            record.put("device_id", e.deviceId());
            record.put("fx_rate_hint", e.fxRateHint());
        }
        return record;
    }

    public static byte[] encode(int schemaId, Event e, CardTransactionSchemas version) {
        return ConfluentWireFormat.encode(schemaId, version.schema(), record(e, version));
    }
}

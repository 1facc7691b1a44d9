package dev.cutover.batch;

import dev.cutover.model.CardTransactionSchemas;
import dev.cutover.model.rules.CardMasking;
import dev.cutover.model.rules.EventHours;
import dev.cutover.model.rules.FxRates;
import dev.cutover.model.rules.International;
import dev.cutover.model.rules.MerchantCategories;
import dev.cutover.model.wire.ConfluentWireFormat;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** One card transaction of a test, its wire encoding and the output row the model's rules give. */
public record TestEvent(
        String transactionId,
        String accountId,
        String amount,
        String currency,
        Instant eventTime,
        String status,
        String mcc,
        String country,
        String cardNumber) {

    public static TestEvent of(
            String id,
            String account,
            String amount,
            String currency,
            Instant eventTime,
            String status) {
        return new TestEvent(
                idOf(id),
                account,
                amount,
                currency,
                eventTime,
                status,
                "5814",
                "US",
                "4000056655665556");
    }

    /** A transaction id (a UUID, as the schema's logical type requires) made from a label. */
    public static String idOf(String label) {
        return java.util
                .UUID
                .nameUUIDFromBytes(label.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toString();
    }

    public TestEvent withCountry(String merchantCountry) {
        return new TestEvent(
                transactionId,
                accountId,
                amount,
                currency,
                eventTime,
                status,
                mcc,
                merchantCountry,
                cardNumber);
    }

    /** The record in the given schema version (v2 fills its optional fields). */
    public GenericRecord record(CardTransactionSchemas version) {
        Schema schema = version.schema();
        GenericRecord merchant = new GenericData.Record(schema.getField("merchant").schema());
        merchant.put("id", "m-" + mcc);
        merchant.put("name", "Merchant " + mcc);
        merchant.put("mcc", mcc);
        merchant.put("country", country);
        GenericRecord record = new GenericData.Record(schema);
        record.put("transaction_id", transactionId);
        record.put("account_id", accountId);
        record.put("card_number", cardNumber);
        record.put("merchant", merchant);
        record.put("amount", new BigDecimal(amount));
        record.put("currency", symbol(schema, "currency", currency));
        record.put("event_time", eventTime);
        record.put("status", symbol(schema, "status", status));
        record.put("channel", null);
        record.put("attributes", Map.of());
        if (version == CardTransactionSchemas.V2) {
            record.put("device_id", "dev-1");
            record.put("fx_rate_hint", new BigDecimal("1.00000000"));
        }
        return record;
    }

    public byte[] encode(int schemaId, CardTransactionSchemas version) {
        return ConfluentWireFormat.encode(schemaId, version.schema(), record(version));
    }

    public BigDecimal amountUsd() {
        return FxRates.toUsd(new BigDecimal(amount), currency);
    }

    /**
     * The {@code card_transactions} row as a comparable string (written_at left out), computed with
     * the model's rules.
     */
    public String expectedRow(Instant kafkaTimestamp) {
        return String.join(
                "|",
                transactionId,
                accountId,
                eventTime.toString(),
                EventHours.hourStart(eventTime).toString(),
                new BigDecimal(amount).setScale(2).toPlainString(),
                currency,
                amountUsd().toPlainString(),
                MerchantCategories.of(mcc),
                status,
                String.valueOf(International.isInternational(country)),
                CardMasking.mask(cardNumber),
                kafkaTimestamp.toString());
    }

    private static GenericData.EnumSymbol symbol(Schema schema, String field, String value) {
        return new GenericData.EnumSymbol(schema.getField(field).schema(), value);
    }
}

package dev.cutover.batch.pipeline;

import dev.cutover.model.CardTransaction;
import dev.cutover.model.CardTransactionSchemas;
import dev.cutover.model.rules.CardMasking;
import dev.cutover.model.rules.EventHours;
import dev.cutover.model.rules.FxRates;
import dev.cutover.model.rules.International;
import dev.cutover.model.rules.MerchantCategories;
import dev.cutover.model.wire.ConfluentAvroDecoder;
import dev.cutover.model.wire.DecodeException;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Decodes the Kafka rows of one partition ({@code topic, partition, offset, timestamp, value}) with
 * the model's {@link ConfluentAvroDecoder} (writer schema by id, resolved to the latest reader
 * schema, so v1 and v2 records both decode) and applies the model's rules in Java: the same code,
 * the same HALF_EVEN rounding and the same failure codes as the stream. One decoder and one
 * registry client per partition.
 */
public final class DecodePartition implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    private final WriterSchemasFactory schemas;

    public DecodePartition(WriterSchemasFactory schemas) {
        this.schemas = schemas;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> input) {
        ConfluentAvroDecoder<CardTransaction> decoder =
                ConfluentAvroDecoder.specific(
                        CardTransactionSchemas.LATEST.schema(), schemas.create());
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return input.hasNext();
            }

            @Override
            public Row next() {
                return decode(decoder, input.next());
            }
        };
    }

    static Row decode(ConfluentAvroDecoder<CardTransaction> decoder, Row kafka) {
        String topic = kafka.getAs("topic");
        int partition = kafka.<Integer>getAs("partition");
        long offset = kafka.<Long>getAs("offset");
        Timestamp timestamp = kafka.getAs("timestamp");
        byte[] value = kafka.getAs("value");
        CardTransaction event;
        try {
            event = decoder.decode(value);
        } catch (DecodeException e) {
            String detail = e.deadLetterDetail();
            return RowFactory.create(
                    topic,
                    partition,
                    offset,
                    timestamp,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    e.failure().code(),
                    detail,
                    value == null ? null : Base64.getEncoder().encodeToString(value));
        }
        Instant eventTime = event.getEventTime();
        BigDecimal amount = event.getAmount();
        String currency = event.getCurrency().name();
        return RowFactory.create(
                topic,
                partition,
                offset,
                timestamp,
                event.getTransactionId().toString(),
                event.getAccountId(),
                Timestamp.from(eventTime),
                Timestamp.from(EventHours.hourStart(eventTime)),
                amount,
                currency,
                FxRates.toUsd(amount, currency),
                MerchantCategories.of(event.getMerchant().getMcc()),
                event.getStatus().name(),
                International.isInternational(event.getMerchant().getCountry()),
                CardMasking.mask(event.getCardNumber()),
                null,
                null,
                null);
    }
}

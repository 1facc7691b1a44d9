package dev.cutover.stream.functions;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.types.Row;

/**
 * The decoded card transaction as a Flink row: every field of the v2 reader schema (the merchant
 * record flattened, enums and the channel union as strings, the attributes map as a map), plus the
 * writer schema id and the Kafka position and timestamp. The deduplication and the SQL only carry
 * the columns they read: {@link DedupRows}.
 */
public final class TransactionRows {
    public static final String[] NAMES = {
        "transaction_id",
        "account_id",
        "card_number",
        "merchant_id",
        "merchant_name",
        "mcc",
        "merchant_country",
        "amount",
        "currency",
        "event_time",
        "status",
        "channel",
        "attributes",
        "device_id",
        "fx_rate_hint",
        "schema_id",
        "topic",
        "kafka_partition",
        "kafka_offset",
        "kafka_timestamp"
    };

    public static final int TRANSACTION_ID = 0;
    public static final int EVENT_TIME = 9;
    public static final int KAFKA_PARTITION = 17;
    public static final int KAFKA_OFFSET = 18;
    public static final int KAFKA_TIMESTAMP = 19;

    /** The DataStream type. */
    public static final TypeInformation<Row> TYPE =
            Types.ROW_NAMED(
                    NAMES,
                    Types.STRING,
                    Types.STRING,
                    Types.STRING,
                    Types.STRING,
                    Types.STRING,
                    Types.STRING,
                    Types.STRING,
                    Types.BIG_DEC,
                    Types.STRING,
                    Types.INSTANT,
                    Types.STRING,
                    Types.STRING,
                    Types.MAP(Types.STRING, Types.STRING),
                    Types.STRING,
                    Types.BIG_DEC,
                    Types.INT,
                    Types.STRING,
                    Types.INT,
                    Types.LONG,
                    Types.INSTANT);

    private TransactionRows() {}

    /** A row of {@link #TYPE}, fields in {@link #NAMES} order. */
    public static Row of(
            String transactionId,
            String accountId,
            String cardNumber,
            String merchantId,
            String merchantName,
            String mcc,
            String merchantCountry,
            BigDecimal amount,
            String currency,
            Instant eventTime,
            String status,
            String channel,
            Map<String, String> attributes,
            String deviceId,
            BigDecimal fxRateHint,
            int schemaId,
            String topic,
            int partition,
            long offset,
            Instant kafkaTimestamp) {
        return Row.of(
                transactionId,
                accountId,
                cardNumber,
                merchantId,
                merchantName,
                mcc,
                merchantCountry,
                amount,
                currency,
                eventTime,
                status,
                channel,
                attributes,
                deviceId,
                fxRateHint,
                schemaId,
                topic,
                partition,
                offset,
                kafkaTimestamp);
    }
}

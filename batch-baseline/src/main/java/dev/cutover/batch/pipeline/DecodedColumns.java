package dev.cutover.batch.pipeline;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The row one Kafka record becomes after decoding: its position, and either the transaction with
 * the model's rules applied ({@code reason} null) or why it could not be decoded.
 */
public final class DecodedColumns {
    public static final String TOPIC = "topic";
    public static final String KAFKA_PARTITION = "kafka_partition";
    public static final String KAFKA_OFFSET = "kafka_offset";
    public static final String KAFKA_TIMESTAMP = "kafka_timestamp";
    public static final String TRANSACTION_ID = "transaction_id";
    public static final String ACCOUNT_ID = "account_id";
    public static final String EVENT_TIME = "event_time";
    public static final String EVENT_HOUR = "event_hour";
    public static final String AMOUNT = "amount";
    public static final String CURRENCY = "currency";
    public static final String AMOUNT_USD = "amount_usd";
    public static final String MERCHANT_CATEGORY = "merchant_category";
    public static final String STATUS = "status";
    public static final String IS_INTERNATIONAL = "is_international";
    public static final String MASKED_CARD = "masked_card";
    public static final String REASON = "reason";
    public static final String DETAIL = "detail";
    public static final String RAW_BASE64 = "raw_base64";

    /** NUMERIC(18,2) of the output tables. */
    public static final DecimalType MONEY = DataTypes.createDecimalType(18, 2);

    public static final StructType SCHEMA =
            new StructType(
                    new StructField[] {
                        field(TOPIC, DataTypes.StringType, false),
                        field(KAFKA_PARTITION, DataTypes.IntegerType, false),
                        field(KAFKA_OFFSET, DataTypes.LongType, false),
                        field(KAFKA_TIMESTAMP, DataTypes.TimestampType, false),
                        field(TRANSACTION_ID, DataTypes.StringType, true),
                        field(ACCOUNT_ID, DataTypes.StringType, true),
                        field(EVENT_TIME, DataTypes.TimestampType, true),
                        field(EVENT_HOUR, DataTypes.TimestampType, true),
                        field(AMOUNT, MONEY, true),
                        field(CURRENCY, DataTypes.StringType, true),
                        field(AMOUNT_USD, MONEY, true),
                        field(MERCHANT_CATEGORY, DataTypes.StringType, true),
                        field(STATUS, DataTypes.StringType, true),
                        field(IS_INTERNATIONAL, DataTypes.BooleanType, true),
                        field(MASKED_CARD, DataTypes.StringType, true),
                        field(REASON, DataTypes.StringType, true),
                        field(DETAIL, DataTypes.StringType, true),
                        field(RAW_BASE64, DataTypes.StringType, true)
                    });

    private DecodedColumns() {}

    private static StructField field(String name, DataType type, boolean nullable) {
        return DataTypes.createStructField(name, type, nullable);
    }
}

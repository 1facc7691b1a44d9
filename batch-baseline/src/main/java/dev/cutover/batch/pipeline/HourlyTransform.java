package dev.cutover.batch.pipeline;

import static dev.cutover.batch.pipeline.DecodedColumns.*;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.math.BigDecimal;
import java.sql.Timestamp;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;

/**
 * The batch's transform for one hour, a pure function of Datasets (no I/O). It implements
 * docs/semantics.md (the contract the Flink job and the ground truth implement too; the golden
 * fixture's GoldenBatchITCase checks it against rows written by hand):
 *
 * <ol>
 *   <li>{@link #decode}: Kafka rows → {@link DecodedColumns} rows (the model's decoder and rules);
 *   <li>{@link #transactions}: records that arrived before the cutoff, one per {@code
 *       transaction_id} (the first arrival wins: smallest Kafka timestamp, then partition, then
 *       offset — deduplicated over everything read, so a copy that arrived in the lookback counts),
 *       then those whose {@code event_time} is in the hour;
 *   <li>{@link #hourlySpend}: {@code account_hourly_spend} of those transactions;
 *   <li>{@link #deadLetters}: records that could not be decoded.
 * </ol>
 */
public final class HourlyTransform {
    public static final String[] TRANSACTION_COLUMNS = {
        TRANSACTION_ID,
        ACCOUNT_ID,
        EVENT_TIME,
        EVENT_HOUR,
        AMOUNT,
        CURRENCY,
        AMOUNT_USD,
        MERCHANT_CATEGORY,
        STATUS,
        IS_INTERNATIONAL,
        MASKED_CARD,
        KAFKA_TIMESTAMP
    };
    public static final String[] SPEND_COLUMNS = {
        "account_id",
        "hour_start",
        "txn_count",
        "approved_amount_usd",
        "declined_count",
        "international_count",
        "max_amount_usd"
    };
    public static final String[] DEAD_LETTER_COLUMNS = {
        TOPIC, KAFKA_PARTITION, KAFKA_OFFSET, KAFKA_TIMESTAMP, REASON, DETAIL, RAW_BASE64
    };

    private final HourWindow window;

    public HourlyTransform(HourWindow window) {
        this.window = window;
    }

    /**
     * Decodes Kafka rows (columns {@code topic, partition, offset, timestamp, value}, as Spark's
     * Kafka source gives them) into {@link DecodedColumns#SCHEMA}.
     */
    public static Dataset<Row> decode(Dataset<Row> kafka, WriterSchemasFactory schemas) {
        return kafka.select("topic", "partition", "offset", "timestamp", "value")
                .mapPartitions(new DecodePartition(schemas), Encoders.row(DecodedColumns.SCHEMA));
    }

    /** The hour's {@code card_transactions} rows, from decoded rows. */
    public Dataset<Row> transactions(Dataset<Row> decoded) {
        WindowSpec firstArrival =
                Window.partitionBy(TRANSACTION_ID)
                        .orderBy(col(KAFKA_TIMESTAMP), col(KAFKA_PARTITION), col(KAFKA_OFFSET));
        return decoded.where(col(REASON).isNull())
                .where(col(KAFKA_TIMESTAMP).lt(lit(Timestamp.from(window.cutoff()))))
                .withColumn("arrival", row_number().over(firstArrival))
                .where(col("arrival").equalTo(1))
                .where(col(EVENT_HOUR).equalTo(lit(Timestamp.from(window.hourStart()))))
                .select(columns(TRANSACTION_COLUMNS));
    }

    /** {@code account_hourly_spend} of the hour's transactions (DESIGN.md). */
    public static Dataset<Row> hourlySpend(Dataset<Row> transactions) {
        Column approved = col(STATUS).equalTo("APPROVED");
        return transactions
                .groupBy(col(ACCOUNT_ID), col(EVENT_HOUR).as("hour_start"))
                .agg(
                        count(lit(1)).cast(DataTypes.LongType).as("txn_count"),
                        sum(when(approved, col(AMOUNT_USD)).otherwise(lit(BigDecimal.ZERO)))
                                .cast(MONEY)
                                .as("approved_amount_usd"),
                        sum(when(col(STATUS).equalTo("DECLINED"), 1L).otherwise(0L))
                                .cast(DataTypes.LongType)
                                .as("declined_count"),
                        sum(when(col(IS_INTERNATIONAL), 1L).otherwise(0L))
                                .cast(DataTypes.LongType)
                                .as("international_count"),
                        max(col(AMOUNT_USD)).cast(MONEY).as("max_amount_usd"))
                .select(columns(SPEND_COLUMNS));
    }

    /** The records that could not be decoded, as {@code dead_letters} rows. */
    public static Dataset<Row> deadLetters(Dataset<Row> decoded) {
        return decoded.where(col(REASON).isNotNull()).select(columns(DEAD_LETTER_COLUMNS));
    }

    private static Column[] columns(String[] names) {
        Column[] columns = new Column[names.length];
        for (int i = 0; i < names.length; i++) {
            columns[i] = col(names[i]);
        }
        return columns;
    }
}

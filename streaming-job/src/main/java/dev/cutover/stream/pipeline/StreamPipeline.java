package dev.cutover.stream.pipeline;

import dev.cutover.contract.SqlResource;
import dev.cutover.contract.stream.TestDefect;
import dev.cutover.stream.functions.DeadLetterRows;
import dev.cutover.stream.functions.DecodeFunction;
import dev.cutover.stream.functions.DedupRows;
import dev.cutover.stream.functions.FirstArrivalFunction;
import dev.cutover.stream.functions.TransactionRows;
import dev.cutover.stream.functions.WriterSchemasFactory;
import dev.cutover.stream.io.KafkaRecord;
import dev.cutover.stream.udf.BusinessRules;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.table.api.StatementSet;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.types.Row;

/**
 * The job's transform, given its source and sinks: Kafka records in, decoded and deduplicated rows
 * and dead letters as views, then the SQL of {@code sql/card_transactions.sql} and {@code
 * sql/account_hourly_spend.sql}, then {@code sql/insert_sinks.sql} into whatever tables named
 * {@code *_sink} exist (JDBC in production).
 */
public final class StreamPipeline {
    public static final String FIRST_ARRIVALS = "first_arrivals";
    public static final String DEAD_LETTER_VIEW = "dead_letter_records";

    private StreamPipeline() {}

    /** Watermark settings of the decoded stream. */
    public record EventTime(Duration maxOutOfOrderness, Duration idleTimeout) {}

    /**
     * Decodes {@code records}, assigns event time, deduplicates and registers {@link
     * #FIRST_ARRIVALS} and {@link #DEAD_LETTER_VIEW}, then the transform views.
     */
    public static void registerSource(
            StreamTableEnvironment tEnv,
            DataStream<KafkaRecord> records,
            WriterSchemasFactory writerSchemas,
            EventTime eventTime,
            Duration stateTtl,
            TestDefect defect) {
        SingleOutputStreamOperator<Row> decoded =
                records.process(new DecodeFunction(writerSchemas))
                        .name("decode-confluent-avro")
                        .uid("decode-confluent-avro")
                        .returns(TransactionRows.TYPE);
        DataStream<Row> deadLetters = decoded.getSideOutput(DecodeFunction.DEAD_LETTERS);
        tEnv.createTemporaryView(
                DEAD_LETTER_VIEW, tEnv.fromDataStream(deadLetters, DeadLetterRows.tableSchema()));
        registerDecoded(tEnv, withEventTime(decoded, eventTime), stateTtl, defect);
    }

    /** Event time from {@code event_time}, bounded out-of-orderness, idle-input timeout. */
    public static DataStream<Row> withEventTime(DataStream<Row> decoded, EventTime eventTime) {
        WatermarkStrategy<Row> watermarks =
                WatermarkStrategy.<Row>forBoundedOutOfOrderness(eventTime.maxOutOfOrderness())
                        .withTimestampAssigner(
                                (row, previous) ->
                                        ((Instant) row.getField(TransactionRows.EVENT_TIME))
                                                .toEpochMilli());
        if (!eventTime.idleTimeout().isZero()) {
            watermarks = watermarks.withIdleness(eventTime.idleTimeout());
        }
        return decoded.assignTimestampsAndWatermarks(watermarks)
                .name("event-time-watermarks")
                .uid("event-time-watermarks");
    }

    /**
     * Deduplicates decoded rows ({@link FirstArrivalFunction}, on their {@link DedupRows} columns)
     * into the changelog view {@link #FIRST_ARRIVALS}, then registers the transform views over it.
     */
    public static void registerDecoded(
            StreamTableEnvironment tEnv,
            DataStream<Row> decoded,
            Duration stateTtl,
            TestDefect defect) {
        DataStream<Row> firstArrivals =
                decoded.map(DedupRows::of)
                        .name("sql-columns")
                        .uid("sql-columns")
                        .returns(DedupRows.TYPE)
                        .keyBy(row -> (String) row.getField(DedupRows.TRANSACTION_ID), Types.STRING)
                        .process(new FirstArrivalFunction(stateTtl))
                        .name("first-arrival-by-transaction-id")
                        .uid("first-arrival-by-transaction-id")
                        .returns(DedupRows.TYPE);
        tEnv.createTemporaryView(
                FIRST_ARRIVALS,
                tEnv.fromChangelogStream(
                        firstArrivals, DedupRows.tableSchema(), ChangelogMode.all()));
        registerTransforms(tEnv, defect);
    }

    /**
     * Registers the business-rule functions and the views {@code card_transactions_out} and {@code
     * account_hourly_spend_out} over an existing {@link #FIRST_ARRIVALS}; {@code defect} is {@link
     * TestDefect#NONE} except in a test of the parity gate.
     */
    public static void registerTransforms(TableEnvironment tEnv, TestDefect defect) {
        BusinessRules.register(tEnv, defect);
        execute(tEnv, "sql/card_transactions.sql");
        execute(tEnv, "sql/account_hourly_spend.sql");
    }

    /** The three INSERTs of {@code sql/insert_sinks.sql} as one statement set (one job). */
    public static StatementSet inserts(TableEnvironment tEnv) {
        StatementSet set = tEnv.createStatementSet();
        SqlResource.of("sql/insert_sinks.sql").statements().forEach(set::addInsertSql);
        return set;
    }

    static void execute(TableEnvironment tEnv, String resource) {
        SqlResource.of(resource).statements().forEach(tEnv::executeSql);
    }
}

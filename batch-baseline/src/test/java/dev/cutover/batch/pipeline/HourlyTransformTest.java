package dev.cutover.batch.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.batch.SharedSpark;
import dev.cutover.batch.TestEvent;
import dev.cutover.model.CardTransactionSchemas;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HourlyTransformTest {
    private static final Instant H = Instant.parse("2026-11-23T10:00:00Z");
    private static final int V1 = 1;
    private static final int V2 = 2;
    private static final StructType KAFKA =
            new StructType()
                    .add("topic", DataTypes.StringType)
                    .add("partition", DataTypes.IntegerType)
                    .add("offset", DataTypes.LongType)
                    .add("timestamp", DataTypes.TimestampType)
                    .add("value", DataTypes.BinaryType);
    private static final WriterSchemasFactory SCHEMAS =
            new StaticSchemas(
                    Map.of(
                            V1, CardTransactionSchemas.V1.schema().toString(),
                            V2, CardTransactionSchemas.V2.schema().toString()));

    private final SparkSession spark = SharedSpark.get();
    private final List<Row> kafka = new ArrayList<>();
    private final HourlyTransform transform = new HourlyTransform(HourWindow.of(H));

    @BeforeEach
    void clear() {
        kafka.clear();
    }

    @Test
    void keepsTheHourByEventTimeAndArrivalBeforeTheCutoff() {
        TestEvent before = event("t-before", "a1", "1.00", "USD", "09:59:59.999");
        TestEvent first = event("t-first", "a1", "2.00", "USD", "10:00:00.000");
        TestEvent last = event("t-last", "a1", "3.00", "USD", "10:59:59.999");
        TestEvent after = event("t-after", "a1", "4.00", "USD", "11:00:00.000");
        TestEvent justInTime = event("t-in-time", "a2", "5.00", "USD", "10:30:00");
        TestEvent tooLate = event("t-too-late", "a2", "6.00", "USD", "10:30:00");
        send(0, 0, before, "10:00:00", V2);
        send(0, 1, first, "10:00:01", V2);
        send(0, 2, last, "11:00:00", V2);
        send(0, 3, after, "11:00:01", V2);
        send(1, 0, justInTime, "11:09:59.999", V1);
        send(1, 1, tooLate, "11:10:00", V1); // the cutoff is exclusive

        assertThat(transactions())
                .containsExactlyInAnyOrder(
                        first.expectedRow(at("10:00:01")),
                        last.expectedRow(at("11:00:00")),
                        justInTime.expectedRow(at("11:09:59.999")));
    }

    @Test
    void duplicatesCollapseToTheFirstArrival() {
        TestEvent twice = event("t-twice", "a1", "10.00", "EUR", "10:10:00");
        TestEvent tie = event("t-tie", "a1", "20.00", "GBP", "10:20:00");
        TestEvent lateCopy = event("t-late-copy", "a2", "30.00", "CAD", "10:30:00");
        TestEvent earlyCopy = event("t-early-copy", "a2", "40.00", "MXN", "10:40:00");
        send(1, 5, twice, "10:12:00", V2);
        send(0, 9, twice, "10:11:00", V1); // first by timestamp, though on a later partition read
        send(2, 3, tie, "10:21:00", V2);
        send(1, 7, tie, "10:21:00", V2); // same timestamp: the smaller partition wins
        send(1, 8, tie, "10:21:00", V2);
        send(0, 4, lateCopy, "10:31:00", V2);
        send(0, 5, lateCopy, "11:30:00", V2); // after the cutoff: ignored
        send(3, 1, earlyCopy, "09:50:00", V2); // in the lookback, before the hour began
        send(3, 2, earlyCopy, "10:41:00", V2);

        assertThat(transactions())
                .containsExactlyInAnyOrder(
                        twice.expectedRow(at("10:11:00")),
                        tie.expectedRow(at("10:21:00")),
                        lateCopy.expectedRow(at("10:31:00")),
                        earlyCopy.expectedRow(at("09:50:00")));
    }

    @Test
    void convertsToUsdHalfEvenWithTheModelsRules() {
        TestEvent eur = event("t-eur", "a1", "1.00", "EUR", "10:01:00"); // 1.0850 → 1.08
        TestEvent jpy = event("t-jpy", "a1", "150.00", "JPY", "10:02:00"); // 1.005 → 1.00
        TestEvent gbp = event("t-gbp", "a1", "0.50", "GBP", "10:03:00"); // 0.635 → 0.64
        TestEvent foreign = event("t-fr", "a1", "7.00", "USD", "10:04:00").withCountry("FR");
        send(0, 0, eur, "10:05:00", V1);
        send(0, 1, jpy, "10:05:00", V2);
        send(0, 2, gbp, "10:05:00", V2);
        send(0, 3, foreign, "10:05:00", V2);

        List<Row> rows = decodedTransactions().collectAsList();
        Map<String, BigDecimal> usd = new java.util.HashMap<>();
        rows.forEach(row -> usd.put(row.getAs("transaction_id"), row.getAs("amount_usd")));
        assertThat(usd)
                .containsEntry(TestEvent.idOf("t-eur"), new BigDecimal("1.08"))
                .containsEntry(TestEvent.idOf("t-jpy"), new BigDecimal("1.00"))
                .containsEntry(TestEvent.idOf("t-gbp"), new BigDecimal("0.64"))
                .containsEntry(TestEvent.idOf("t-fr"), new BigDecimal("7.00"));
        assertThat(transactions())
                .containsExactlyInAnyOrder(
                        eur.expectedRow(at("10:05:00")),
                        jpy.expectedRow(at("10:05:00")),
                        gbp.expectedRow(at("10:05:00")),
                        foreign.expectedRow(at("10:05:00")));
    }

    @Test
    void aggregatesPerAccountAndHour() {
        send(0, 0, event("s1", "a1", "10.00", "USD", "10:01:00"), "10:02:00", V2);
        send(0, 1, event("s2", "a1", "1.00", "EUR", "10:03:00"), "10:04:00", V1);
        send(0, 2, eventWithStatus("s3", "a1", "50.00", "10:05:00", "DECLINED"), "10:06:00", V2);
        send(0, 3, eventWithStatus("s4", "a1", "5.00", "10:07:00", "REVERSED"), "10:08:00", V2);
        send(1, 0, event("s5", "a2", "3.00", "USD", "10:09:00").withCountry("MX"), "10:10:00", V2);
        send(1, 1, event("s5", "a2", "3.00", "USD", "10:09:00").withCountry("MX"), "10:11:00", V2);
        send(1, 2, eventWithStatus("s6", "a3", "8.00", "10:12:00", "DECLINED"), "10:13:00", V2);
        send(1, 3, event("s7", "a3", "9.00", "USD", "11:12:00"), "11:13:00", V2); // next hour

        List<String> spend =
                HourlyTransform.hourlySpend(transform.transactions(decoded()))
                        .collectAsList()
                        .stream()
                        .map(HourlyTransformTest::render)
                        .toList();
        String hour = H.toString();
        assertThat(spend)
                .containsExactlyInAnyOrder(
                        "a1|" + hour + "|4|11.08|1|0|50.00",
                        "a2|" + hour + "|1|3.00|0|1|3.00",
                        "a3|" + hour + "|1|0.00|1|0|8.00");
    }

    @Test
    void undecodableRecordsBecomeDeadLettersWithTheModelsCodes() {
        TestEvent good = event("t-good", "a1", "1.00", "USD", "10:01:00");
        send(0, 0, good, "10:02:00", V2);
        byte[] encoded = good.encode(V2, CardTransactionSchemas.V2);
        raw(0, 1, new byte[] {1, 2, 3, 4, 5, 6}, "10:03:00");
        raw(0, 2, new byte[] {0, 0, 0, 0, 99, 2}, "10:04:00");
        raw(0, 3, java.util.Arrays.copyOf(encoded, 6), "10:05:00");
        raw(0, 4, new byte[0], "10:06:00");

        Dataset<Row> decoded = decoded();
        assertThat(HourlyTransform.deadLetters(decoded).collectAsList())
                .extracting(row -> row.getAs("kafka_offset") + ":" + row.getAs("reason"))
                .containsExactlyInAnyOrder(
                        "1:bad-magic-byte", "2:unknown-schema-id", "3:truncated-body", "4:empty");
        assertThat(transform.transactions(decoded).count()).isEqualTo(1);
    }

    private Dataset<Row> decoded() {
        return HourlyTransform.decode(spark.createDataFrame(kafka, KAFKA), SCHEMAS);
    }

    private Dataset<Row> decodedTransactions() {
        return transform.transactions(decoded());
    }

    private List<String> transactions() {
        return decodedTransactions().collectAsList().stream()
                .map(HourlyTransformTest::render)
                .toList();
    }

    static String render(Row row) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < row.size(); i++) {
            Object value = row.get(i);
            if (value instanceof Timestamp timestamp) {
                values.add(timestamp.toInstant().toString());
            } else if (value instanceof BigDecimal decimal) {
                values.add(decimal.toPlainString());
            } else {
                values.add(String.valueOf(value));
            }
        }
        return String.join("|", values);
    }

    private void send(int partition, long offset, TestEvent event, String arrival, int schemaId) {
        CardTransactionSchemas version =
                schemaId == V1 ? CardTransactionSchemas.V1 : CardTransactionSchemas.V2;
        raw(partition, offset, event.encode(schemaId, version), arrival);
    }

    private void raw(int partition, long offset, byte[] value, String arrival) {
        kafka.add(
                RowFactory.create(
                        "card-transactions",
                        partition,
                        offset,
                        Timestamp.from(at(arrival)),
                        value));
    }

    private static TestEvent event(
            String id, String account, String amount, String currency, String time) {
        return TestEvent.of(id, account, amount, currency, at(time), "APPROVED");
    }

    private static TestEvent eventWithStatus(
            String id, String account, String amount, String time, String status) {
        return TestEvent.of(id, account, amount, "USD", at(time), status);
    }

    static Instant at(String time) {
        return Instant.parse("2026-11-23T" + time + (time.contains(".") ? "Z" : "Z"));
    }
}

package dev.cutover.stream.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.contract.stream.TestDefect;
import dev.cutover.stream.TestEvents.Event;
import dev.cutover.stream.Truth;
import dev.cutover.stream.Truth.Arrival;
import dev.cutover.stream.functions.TransactionRows;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The transform (first-arrival dedup, card_transactions.sql, account_hourly_spend.sql) over fixed
 * decoded rows: duplicates, late rows, FX rounding edge cases.
 */
class TransformSqlTest {
    private static final List<Arrival> ARRIVALS = new ArrayList<>();
    private static final int AMOUNT_USD = 6;

    private static Map<String, List<Object>> cardTransactions;
    private static Map<String, List<Object>> hourlySpend;

    /** Runs the transform once (one job) and materializes both outputs. */
    @BeforeAll
    static void runTransform() throws Exception {
        arrivals();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        StreamTableEnvironment tEnv = tableEnvironment(env, TestDefect.NONE);
        CloseableIterator<Row> cards =
                tEnv.toChangelogStream(tEnv.from("card_transactions_out")).collectAsync();
        CloseableIterator<Row> hours =
                tEnv.toChangelogStream(tEnv.from("account_hourly_spend_out")).collectAsync();
        env.execute("transform-sql-test");
        cardTransactions = materialize(cards, 1);
        hourlySpend = materialize(hours, 2);
    }

    static void arrivals() {
        ARRIVALS.clear();
        Instant t0 = Instant.parse("2026-11-23T11:05:00Z");
        // a duplicate whose later copy is listed first: the earliest Kafka timestamp wins,
        // even though the copies differ (the resend carries another amount)
        add(
                Event.of(
                        "dup-ts",
                        "acct-1",
                        "10.00",
                        "USD",
                        "2026-11-23T10:10:00Z",
                        "APPROVED",
                        "US"),
                1,
                7,
                t0.plusSeconds(9));
        add(
                Event.of(
                        "dup-ts",
                        "acct-1",
                        "99.00",
                        "USD",
                        "2026-11-23T10:10:00Z",
                        "APPROVED",
                        "US"),
                0,
                3,
                t0.plusSeconds(1));
        // same timestamp: the lower partition wins, then the lower offset
        add(
                Event.of(
                        "dup-part",
                        "acct-1",
                        "20.00",
                        "EUR",
                        "2026-11-23T10:20:00Z",
                        "DECLINED",
                        "FR"),
                2,
                1,
                t0);
        add(
                Event.of(
                        "dup-part",
                        "acct-1",
                        "21.00",
                        "EUR",
                        "2026-11-23T10:20:00Z",
                        "DECLINED",
                        "FR"),
                1,
                5,
                t0);
        add(
                Event.of(
                        "dup-off",
                        "acct-2",
                        "1.00",
                        "GBP",
                        "2026-11-23T10:59:59.999Z",
                        "APPROVED",
                        "GB"),
                0,
                9,
                t0);
        add(
                Event.of(
                        "dup-off",
                        "acct-2",
                        "2.00",
                        "GBP",
                        "2026-11-23T10:59:59.999Z",
                        "APPROVED",
                        "GB"),
                0,
                8,
                t0);
        // the earliest copy processed first: the later copy changes nothing
        add(
                Event.of(
                        "dup-first",
                        "acct-2",
                        "4.00",
                        "USD",
                        "2026-11-23T10:40:00Z",
                        "DECLINED",
                        "US"),
                0,
                14,
                t0);
        add(
                Event.of(
                        "dup-first",
                        "acct-2",
                        "40.00",
                        "USD",
                        "2026-11-23T10:40:00Z",
                        "DECLINED",
                        "US"),
                2,
                15,
                t0.plusSeconds(30));
        // FX rounding edge cases: 1.00 EUR = 1.085 USD -> 1.08 (HALF_EVEN; HALF_UP gives 1.09)
        add(
                Event.of(
                        "fx-half-even",
                        "acct-2",
                        "1.00",
                        "EUR",
                        "2026-11-23T10:30:00Z",
                        "APPROVED",
                        "US"),
                0,
                10,
                t0);
        // 3.00 EUR = 3.255 -> 3.26 (odd digit before the 5 rounds up)
        add(
                Event.of(
                        "fx-half-odd",
                        "acct-2",
                        "3.00",
                        "EUR",
                        "2026-11-23T10:31:00Z",
                        "APPROVED",
                        "US"),
                0,
                11,
                t0);
        // 0.75 JPY = 0.005025 USD -> 0.01; large MXN amount
        add(
                Event.of(
                        "fx-jpy",
                        "acct-2",
                        "0.75",
                        "JPY",
                        "2026-11-23T10:32:00Z",
                        "REVERSED",
                        "JP"),
                0,
                12,
                t0);
        add(
                Event.of(
                        "fx-mxn",
                        "acct-2",
                        "9999999999999999.99",
                        "MXN",
                        "2026-11-23T10:33:00Z",
                        "APPROVED",
                        "MX"),
                0,
                13,
                t0);
        // late: event in hour 09 arriving after events of hour 11
        add(
                Event.of("late", "acct-1", "5.50", "CAD", "2026-11-23T09:59:00Z", "APPROVED", "CA"),
                1,
                20,
                t0.plusSeconds(3600));
        add(
                Event.of(
                        "on-time",
                        "acct-1",
                        "7.25",
                        "CAD",
                        "2026-11-23T11:00:00Z",
                        "DECLINED",
                        "US"),
                1,
                19,
                t0.plusSeconds(60));
    }

    private static void add(Event e, int partition, long offset, Instant ts) {
        ARRIVALS.add(new Arrival(e, partition, offset, ts));
    }

    /**
     * The job's transform (dedup + card_transactions.sql + account_hourly_spend.sql) over {@link
     * #ARRIVALS} as decoded rows, at parallelism 2 so copies of a transaction cross subtasks;
     * {@code defect} as option {@code test.defect} injects it.
     */
    static StreamTableEnvironment tableEnvironment(
            StreamExecutionEnvironment env, TestDefect defect) {
        env.setParallelism(2);
        StreamTableEnvironment tEnv = StreamTableEnvironment.create(env);
        tEnv.getConfig().set("table.local-time-zone", "UTC");
        List<Row> rows = new ArrayList<>();
        for (Arrival a : ARRIVALS) {
            Event e = a.event();
            rows.add(
                    TransactionRows.of(
                            e.transactionId(),
                            e.accountId(),
                            e.cardNumber(),
                            "m",
                            "name",
                            e.mcc(),
                            e.country(),
                            e.amount(),
                            e.currency(),
                            e.eventTime(),
                            e.status(),
                            e.channel(),
                            e.attributes(),
                            e.deviceId(),
                            e.fxRateHint(),
                            2,
                            "t",
                            a.partition(),
                            a.offset(),
                            a.kafkaTimestamp()));
        }
        DataStream<Row> decoded = env.fromData(rows, TransactionRows.TYPE).rebalance();
        StreamPipeline.registerDecoded(
                tEnv,
                StreamPipeline.withEventTime(
                        decoded,
                        new StreamPipeline.EventTime(Duration.ofSeconds(5), Duration.ZERO)),
                Duration.ZERO,
                defect);
        return tEnv;
    }

    @Test
    void cardTransactionsKeepTheFirstArrivalWithTheModelsRules() throws Exception {
        Map<String, List<Object>> actual = cardTransactions;

        Map<String, List<Object>> expected = Truth.cardTransactions(ARRIVALS);
        assertThat(actual).isEqualTo(expected);
        assertThat(actual.get("dup-ts").get(4)).isEqualTo(new BigDecimal("99.00"));
        assertThat(actual.get("dup-part").get(4)).isEqualTo(new BigDecimal("21.00"));
        assertThat(actual.get("dup-off").get(4)).isEqualTo(new BigDecimal("2.00"));
        assertThat(actual.get("dup-first").get(4)).isEqualTo(new BigDecimal("4.00"));
        assertThat(actual.get("fx-half-even").get(6)).isEqualTo(new BigDecimal("1.08"));
        assertThat(actual.get("fx-half-odd").get(6)).isEqualTo(new BigDecimal("3.26"));
        assertThat(actual.get("fx-jpy").get(6)).isEqualTo(new BigDecimal("0.01"));
    }

    @Test
    void hourlySpendAbsorbsLateRowsAndCountsEachTransactionOnce() throws Exception {
        Map<String, List<Object>> actual = hourlySpend;

        Map<String, List<Object>> expected = new TreeMap<>();
        Truth.hourlySpend(ARRIVALS).forEach((k, v) -> expected.put(v.get(0) + "|" + v.get(1), v));
        assertThat(actual).isEqualTo(expected);
        assertThat(actual).containsKey("acct-1|2026-11-23T09:00:00Z");
    }

    /**
     * The test-only defect (option {@code test.defect=fx-round-down}) changes the transform's
     * output: amount_usd rounds DOWN where the model rounds HALF_EVEN up, nothing else differs.
     */
    @Test
    void theFxRoundDownDefectMakesAmountUsdDifferFromTheModel() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        StreamTableEnvironment tEnv = tableEnvironment(env, TestDefect.FX_ROUND_DOWN);
        CloseableIterator<Row> cards =
                tEnv.toChangelogStream(tEnv.from("card_transactions_out")).collectAsync();
        env.execute("transform-sql-test-defect");
        Map<String, List<Object>> defective = materialize(cards, 1);

        Map<String, List<Object>> truth = Truth.cardTransactions(ARRIVALS);
        assertThat(defective.keySet()).isEqualTo(truth.keySet());
        List<String> differ = new ArrayList<>();
        defective.forEach(
                (id, row) -> {
                    List<Object> expected = truth.get(id);
                    for (int i = 0; i < row.size(); i++) {
                        if (i != AMOUNT_USD) {
                            assertThat(row.get(i))
                                    .as(id + " column " + i)
                                    .isEqualTo(expected.get(i));
                        }
                    }
                    if (!row.get(AMOUNT_USD).equals(expected.get(AMOUNT_USD))) {
                        differ.add(id);
                    }
                });
        // 3.255 -> 3.25 (not 3.26), 0.005025 -> 0.00, 4.015 -> 4.01, the MXN amount one cent less
        assertThat(differ).containsExactlyInAnyOrder("fx-half-odd", "fx-jpy", "fx-mxn", "late");
        assertThat(defective.get("fx-half-odd").get(AMOUNT_USD)).isEqualTo(new BigDecimal("3.25"));
    }

    /** Applies a changelog to a map keyed by its first {@code keyColumns}. */
    static Map<String, List<Object>> materialize(CloseableIterator<Row> iterator, int keyColumns)
            throws Exception {
        Map<String, List<Object>> table = new HashMap<>();
        try (CloseableIterator<Row> changes = iterator) {
            while (changes.hasNext()) {
                Row change = changes.next();
                List<Object> values = new ArrayList<>();
                for (int i = 0; i < change.getArity(); i++) {
                    values.add(change.getField(i));
                }
                StringBuilder key = new StringBuilder();
                for (int i = 0; i < keyColumns; i++) {
                    key.append(i == 0 ? "" : "|").append(values.get(i));
                }
                if (change.getKind() == RowKind.INSERT
                        || change.getKind() == RowKind.UPDATE_AFTER) {
                    table.put(key.toString(), values);
                } else {
                    table.remove(key.toString());
                }
            }
        }
        return new TreeMap<>(table);
    }
}

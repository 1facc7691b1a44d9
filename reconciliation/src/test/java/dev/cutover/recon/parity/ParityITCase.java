package dev.cutover.recon.parity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.model.db.OutputTables;
import dev.cutover.recon.Reports;
import dev.cutover.recon.db.ConnectionSpec;
import dev.cutover.recon.diff.DiffRequest;
import dev.cutover.recon.diff.DiffResult;
import dev.cutover.recon.diff.Mode;
import dev.cutover.recon.gate.GatePolicy;
import dev.cutover.recon.history.RunHistory;
import dev.cutover.recon.report.ReconciliationReport;
import dev.cutover.recon.report.TableComparison;
import dev.cutover.stack.Service;
import dev.cutover.stack.StackEndpoints;
import dev.cutover.testkit.EmbeddedStackTest;
import dev.cutover.testkit.Jdbc;
import dev.cutover.testkit.TestSchema;
import dev.cutover.testkit.TestTime;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Parity of planted pipeline outputs: two late transactions (one making a whole account-hour the
 * batch lacks), a late poison record, one wrong amount and one wrong hourly count. Late ones are
 * explained, the planted defects are not; full and checksum agree.
 */
@EmbeddedStackTest(services = Service.POSTGRES)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ParityITCase {
    /** The first planted hour; the rows span 2.5 h from it, all in the past. */
    private static final Instant H0 = TestTime.hourStart(3);

    @Test
    void lateArrivalsAreExplainedAndDefectsAreNot(StackEndpoints stack, TestSchema schema)
            throws Exception {
        Map<String, String> schemas = plant(stack, schema);
        ConnectionSpec db =
                new ConnectionSpec(stack.jdbcUrl(), stack.jdbcUser(), stack.jdbcPassword());

        ParityRun.Result full =
                ParityRun.run(
                        new ParityRun.Options(db, Duration.ofMinutes(10), Mode.FULL, 20, schemas));
        ParityRun.Result checksum =
                ParityRun.run(
                        new ParityRun.Options(
                                db, Duration.ofMinutes(10), Mode.CHECKSUM, 20, schemas));

        Map<String, DiffResult> results = byName(full);
        assertThat(results).hasSize(9);
        DiffResult transactions = results.get("stream vs batch: card_transactions");
        assertThat(transactions.leftRows()).isEqualTo(20);
        assertThat(transactions.rightRows()).isEqualTo(18);
        assertThat(transactions.matchedRows()).isEqualTo(17);
        assertThat(transactions.mismatchedRows()).isEqualTo(1);
        assertThat(transactions.columnMismatches())
                .isEqualTo(Map.of("amount", 1L, "amount_usd", 1L));
        assertThat(transactions.onlyInLeft()).isEqualTo(2);
        assertThat(transactions.explained()).isEqualTo(Map.of("late-arrival", 2L));
        assertThat(transactions.unexplained()).isEqualTo(1);

        DiffResult hourly = results.get("stream vs batch: account_hourly_spend");
        assertThat(hourly.leftRows()).isEqualTo(5);
        assertThat(hourly.matchedRows()).isEqualTo(2);
        assertThat(hourly.mismatchedRows()).isEqualTo(2);
        assertThat(hourly.onlyInLeft()).isEqualTo(1);
        assertThat(hourly.explained()).isEqualTo(Map.of("late-arrival", 2L));
        assertThat(hourly.unexplained()).isEqualTo(1);
        assertThat(hourly.hours()).hasSize(2);

        DiffResult deadLetters = results.get("stream vs batch: dead_letters");
        assertThat(deadLetters.onlyInLeft()).isEqualTo(1);
        assertThat(deadLetters.explained()).isEqualTo(Map.of("poison", 1L));
        assertThat(deadLetters.unexplained()).isZero();

        assertThat(results.get("truth vs batch: card_transactions").explained())
                .isEqualTo(Map.of("late-arrival", 2L));
        for (String table : List.of("card_transactions", "account_hourly_spend", "dead_letters")) {
            assertThat(results.get("stream vs truth: " + table).differences()).as(table).isZero();
        }
        Map<String, DiffResult> checksums = byName(checksum);
        results.forEach(
                (name, result) ->
                        assertThat(checksums.get(name).countsOnly())
                                .as(name)
                                .isEqualTo(result.countsOnly()));

        assertThat(full.latency()).extracting(l -> l.pipeline()).containsExactly("stream", "batch");
        assertThat(full.latency().get(0).sinceEvent().count()).isEqualTo(20);
        assertThat(full.latency().get(1).sinceKafka().count()).isEqualTo(18);
        assertThat(full.latency().get(0).cdf()).hasSize(51);
    }

    @Test
    void everyComparisonRunsInTheGivenModeOnTheGivenThreads(StackEndpoints stack, TestSchema schema)
            throws Exception {
        Map<String, String> schemas = plant(stack, schema);
        ConnectionSpec db =
                new ConnectionSpec(stack.jdbcUrl(), stack.jdbcUser(), stack.jdbcPassword());
        ParityRun.Options oneThread =
                new ParityRun.Options(db, Duration.ofMinutes(10), Mode.FULL, 20, schemas)
                        .withThreads(1);
        ParityRun.Options threeThreads = oneThread.withThreads(3);

        List<DiffRequest> requests = ParityRun.requests(threeThreads);

        assertThat(requests).hasSize(9);
        assertThat(requests).allSatisfy(r -> assertThat(r.fullDiffThreads()).isEqualTo(3));
        assertThat(requests).allSatisfy(r -> assertThat(r.mode()).isEqualTo(Mode.FULL));
        assertThat(ParityRun.requests(threeThreads.withMode(Mode.CHECKSUM)))
                .allSatisfy(r -> assertThat(r.mode()).isEqualTo(Mode.CHECKSUM));
        Map<String, DiffResult> one = byName(ParityRun.run(oneThread));
        Map<String, DiffResult> three = byName(ParityRun.run(threeThreads));
        assertThat(three.keySet()).isEqualTo(one.keySet());
        one.forEach((name, result) -> assertThat(three.get(name)).as(name).isEqualTo(result));
    }

    @Test
    void theHistoryRecordsRunsAndCountsCleanHours(StackEndpoints stack, TestSchema schema)
            throws Exception {
        Map<String, String> schemas = plant(stack, schema);
        ConnectionSpec db =
                new ConnectionSpec(stack.jdbcUrl(), stack.jdbcUser(), stack.jdbcPassword());
        RunHistory history = new RunHistory(db).migrate();
        long before = runs(stack);

        ParityRun.Result result =
                ParityRun.run(
                        new ParityRun.Options(db, Duration.ofMinutes(10), Mode.AUTO, 20, schemas));
        ReconciliationReport report =
                Reports.build(
                        Instant.now(),
                        result.comparisons(),
                        result.latency(),
                        result.freshnessGain(),
                        GatePolicy.parse(
                                "max_unexplained: 0\nrequire_clean_hours: 1\n", "gate.yaml"),
                        Optional.of(history));

        assertThat(report.verdict()).isEqualTo("FAIL");
        assertThat(report.cleanHours()).isZero();
        assertThat(report.failures()).anyMatch(f -> f.contains("require_clean_hours 1"));
        assertThat(runs(stack)).isEqualTo(before + 1);
        assertThat(new RunHistory(db).migrate().cleanHours(List.of())).isZero();
    }

    private static long runs(StackEndpoints stack) throws SQLException {
        return (Long)
                Jdbc.query(stack, "SELECT count(*) AS n FROM cutover.reconciliation_runs")
                        .get(0)
                        .get("n");
    }

    private static Map<String, DiffResult> byName(ParityRun.Result result) {
        return result.comparisons().stream()
                .collect(Collectors.toMap(TableComparison::name, TableComparison::result));
    }

    /** stream, batch and truth schemas of this test, filled as described in the class comment. */
    private static Map<String, String> plant(StackEndpoints stack, TestSchema schema)
            throws SQLException {
        Map<String, String> schemas =
                Map.of(
                        "stream",
                        schema.name() + "_s",
                        "batch",
                        schema.name() + "_b",
                        "truth",
                        schema.name() + "_t");
        for (String name : schemas.values()) {
            OutputTables.migrateSchema(
                    stack.jdbcUrl(), stack.jdbcUser(), stack.jdbcPassword(), name);
        }
        Function<String, String> s = schemas::get;
        for (int i = 1; i <= 18; i++) {
            Instant event = H0.plus(6L * i, ChronoUnit.MINUTES);
            String account = i % 2 == 1 ? "acct-A" : "acct-B";
            String status = i % 5 == 0 ? "DECLINED" : "APPROVED";
            BigDecimal amount = BigDecimal.valueOf(10 + i).setScale(2);
            for (String pipeline : List.of("stream", "truth", "batch")) {
                BigDecimal written =
                        pipeline.equals("batch") && i == 5 ? new BigDecimal("15.50") : amount;
                transaction(
                        stack,
                        s.apply(pipeline),
                        "txn-" + i,
                        account,
                        event,
                        event.plusSeconds(1),
                        status,
                        written,
                        i % 4 == 0);
            }
        }
        for (String pipeline : List.of("stream", "truth")) {
            transaction(
                    stack,
                    s.apply(pipeline),
                    "txn-19",
                    "acct-A",
                    H0.plusSeconds(1830),
                    H0.plusSeconds(4500),
                    "APPROVED",
                    new BigDecimal("100.00"),
                    false);
            transaction(
                    stack,
                    s.apply(pipeline),
                    "txn-20",
                    "acct-C",
                    H0.plusSeconds(6000),
                    H0.plusSeconds(8400),
                    "APPROVED",
                    new BigDecimal("50.00"),
                    false);
            deadLetter(stack, s.apply(pipeline), 100, H0.plusSeconds(3600));
            deadLetter(stack, s.apply(pipeline), 200, H0.plusSeconds(9000));
        }
        deadLetter(stack, s.apply("batch"), 100, H0.plusSeconds(3600));
        for (String name : schemas.values()) {
            Jdbc.execute(
                    stack,
                    "INSERT INTO "
                            + name
                            + ".account_hourly_spend (account_id, hour_start, txn_count,"
                            + " approved_amount_usd, declined_count, international_count,"
                            + " max_amount_usd) SELECT account_id, event_hour, count(*),"
                            + " coalesce(sum(amount_usd) FILTER (WHERE status = 'APPROVED'), 0),"
                            + " count(*) FILTER (WHERE status = 'DECLINED'), count(*) FILTER (WHERE"
                            + " is_international), max(amount_usd) FROM "
                            + name
                            + ".card_transactions GROUP BY 1, 2");
        }
        Jdbc.execute(
                stack,
                "UPDATE "
                        + s.apply("batch")
                        + ".account_hourly_spend SET txn_count = txn_count + 1"
                        + " WHERE account_id = 'acct-B' AND hour_start = ?",
                H0.plusSeconds(3600).atOffset(ZoneOffset.UTC));
        return schemas;
    }

    private static void transaction(
            StackEndpoints stack,
            String schema,
            String id,
            String account,
            Instant event,
            Instant kafka,
            String status,
            BigDecimal amountUsd,
            boolean international)
            throws SQLException {
        Jdbc.execute(
                stack,
                "INSERT INTO "
                        + schema
                        + ".card_transactions (transaction_id, account_id, event_time, event_hour,"
                        + " amount, currency, amount_usd, merchant_category, status,"
                        + " is_international, masked_card, kafka_timestamp) VALUES (?, ?, ?, ?, ?,"
                        + " 'USD', ?, 'grocery', ?, ?, '411111******1111', ?)",
                id,
                account,
                event.atOffset(ZoneOffset.UTC),
                event.truncatedTo(ChronoUnit.HOURS).atOffset(ZoneOffset.UTC),
                amountUsd,
                amountUsd,
                status,
                international,
                kafka.atOffset(ZoneOffset.UTC));
    }

    private static void deadLetter(StackEndpoints stack, String schema, long offset, Instant kafka)
            throws SQLException {
        Jdbc.execute(
                stack,
                "INSERT INTO "
                        + schema
                        + ".dead_letters (topic, kafka_partition, kafka_offset, kafka_timestamp,"
                        + " reason, detail, raw_base64) VALUES ('card-transactions', 0, ?, ?,"
                        + " 'bad-magic-byte', 'magic byte 7', 'BwAAAA==')",
                offset,
                kafka.atOffset(ZoneOffset.UTC));
    }
}

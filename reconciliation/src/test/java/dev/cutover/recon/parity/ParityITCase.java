package dev.cutover.recon.parity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.recon.Reports;
import dev.cutover.recon.db.ConnectionSpec;
import dev.cutover.recon.diff.DiffRequest;
import dev.cutover.recon.diff.DiffResult;
import dev.cutover.recon.diff.Mode;
import dev.cutover.recon.diff.SharedSnapshot;
import dev.cutover.recon.gate.GatePolicy;
import dev.cutover.recon.gate.Thresholds;
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
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
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
 * explained, the planted defects are not; full and checksum agree. The shipped gate passes a run
 * whose only differences are late arrivals, duplicates and late poison, and names the planted
 * defects of a broken one; hourly runs with --history pass the burn-in and a dirty one restarts it.
 */
@EmbeddedStackTest(services = Service.POSTGRES)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ParityITCase {
    /**
     * The first planted hour; the rows span at most 6 h from it (the burn-in test), all in the
     * past.
     */
    private static final Instant H0 = TestTime.hourStart(8);

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

        List<DiffRequest> requests;
        List<DiffRequest> checksums;
        try (SharedSnapshot snapshot = SharedSnapshot.export(List.of(db))) {
            requests = ParityRun.requests(threeThreads, snapshot);
            checksums = ParityRun.requests(threeThreads.withMode(Mode.CHECKSUM), snapshot);
        }

        assertThat(requests).hasSize(9);
        assertThat(requests).allSatisfy(r -> assertThat(r.fullDiffThreads()).isEqualTo(3));
        assertThat(requests).allSatisfy(r -> assertThat(r.mode()).isEqualTo(Mode.FULL));
        assertThat(checksums).allSatisfy(r -> assertThat(r.mode()).isEqualTo(Mode.CHECKSUM));
        Map<String, DiffResult> one = byName(ParityRun.run(oneThread));
        Map<String, DiffResult> three = byName(ParityRun.run(threeThreads));
        assertThat(three.keySet()).isEqualTo(one.keySet());
        one.forEach((name, result) -> assertThat(three.get(name)).as(name).isEqualTo(result));
    }

    @Test
    void theShippedGatePassesAHealthyRunAndNamesThePlantedDefectsOfABrokenOne(
            StackEndpoints stack, TestSchema schema) throws Exception {
        Map<String, String> schemas = ParitySchemas.create(stack, schema);
        ConnectionSpec db =
                new ConnectionSpec(stack.jdbcUrl(), stack.jdbcUser(), stack.jdbcPassword());
        for (String pipeline : List.of("stream", "truth", "batch")) {
            plantTransactions(stack, schemas.get(pipeline), pipeline.equals("batch"), 0, 1199);
            plantDeadLetters(stack, schemas.get(pipeline), !pipeline.equals("batch"));
        }
        // The hour in progress: the stream (and truth) have its first rows, the batch cannot yet.
        for (String pipeline : List.of("stream", "truth")) {
            plantTransactions(stack, schemas.get(pipeline), false, 1350, 1399);
        }
        GatePolicy gate = tableThresholdsOf(Path.of("../examples/gate.yaml"));

        ReconciliationReport healthy = gate(db, schemas, gate, Optional.empty());

        assertThat(healthy.failures()).isEmpty();
        assertThat(healthy.verdict()).isEqualTo("PASS");
        Map<String, DiffResult> results = byName(healthy);
        for (String pair : List.of("stream vs batch", "truth vs batch")) {
            DiffResult transactions = results.get(pair + ": card_transactions");
            assertThat(transactions.rightRows()).isEqualTo(1188);
            assertThat(transactions.onlyInLeft()).isEqualTo(LATE.size());
            assertThat(transactions.explained())
                    .as(pair)
                    .isEqualTo(Map.of("late-arrival", 12L, "duplicate", 3L));
            // the duplicates are labelled as such, each row by its key
            assertThat(transactions.mismatches())
                    .filteredOn(m -> "duplicate".equals(m.cause()))
                    .extracting(m -> m.key().get("transaction_id"))
                    .containsExactlyInAnyOrderElementsOf(DUPLICATES);
            assertThat(results.get(pair + ": account_hourly_spend").explained())
                    .containsOnlyKeys("late-arrival");
            assertThat(results.get(pair + ": dead_letters").explained())
                    .isEqualTo(Map.of("poison", 1L));
        }
        assertThat(results.get("stream vs truth: card_transactions").differences()).isZero();
        assertThat(results.get("stream vs truth: card_transactions").leftRows()).isEqualTo(1250);
        // against the batch, the hour it has not written yet is left for its next run
        assertThat(results.get("stream vs batch: card_transactions").leftRows()).isEqualTo(1200);

        // One transaction the batch lost although it arrived in time, one amount the batch got
        // wrong: neither is explained, and the failures name both rows.
        Jdbc.execute(
                stack,
                "DELETE FROM "
                        + schemas.get("batch")
                        + ".card_transactions WHERE transaction_id = ?",
                "txn-00042");
        Jdbc.execute(
                stack,
                "UPDATE "
                        + schemas.get("batch")
                        + ".card_transactions SET amount = amount + 0.01,"
                        + " amount_usd = amount_usd + 0.01 WHERE transaction_id = ?",
                "txn-00100");

        ReconciliationReport broken = gate(db, schemas, gate, Optional.empty());

        assertThat(broken.verdict()).isEqualTo("FAIL");
        assertThat(broken.failures())
                .contains(
                        "stream vs batch: card_transactions: unexplained differences: 2"
                                + " unexplained (max_unexplained 0): mismatched 1, only in left 1"
                                + " (e.g. transaction_id=txn-00100 differs in amount, amount_usd;"
                                + " transaction_id=txn-00042 only in left); explained: duplicate"
                                + " 3, late-arrival 12",
                        "stream vs batch: card_transactions: unexplained only in left: 1"
                                + " unexplained of 13 only in left (max_only_in_left 0)")
                .anyMatch(
                        f ->
                                f.startsWith(
                                        "truth vs batch: card_transactions: unexplained"
                                                + " mismatch rate: "))
                .allMatch(
                        f ->
                                f.startsWith("stream vs batch: card_transactions: ")
                                        || f.startsWith("truth vs batch: card_transactions: "));
        assertThat(byName(broken).get("stream vs batch: card_transactions").explained())
                .isEqualTo(Map.of("late-arrival", 12L, "duplicate", 3L));
    }

    @Test
    void cleanHourlyRunsPassTheBurnInAndOneDirtyRunRestartsIt(
            StackEndpoints stack, TestSchema schema) throws Exception {
        Map<String, String> schemas = ParitySchemas.create(stack, schema);
        ConnectionSpec db =
                new ConnectionSpec(stack.jdbcUrl(), stack.jdbcUser(), stack.jdbcPassword());
        String historySchema = schema.name() + "_h";
        RunHistory history = new RunHistory(db, historySchema).migrate();
        GatePolicy gate =
                GatePolicy.parse("max_unexplained: 0\nrequire_clean_hours: 3\n", "gate.yaml");

        // Three hourly runs, each after one more hour of output: the third passes.
        List<Integer> cleanHours = new ArrayList<>();
        List<String> verdicts = new ArrayList<>();
        for (int hour = 0; hour < 3; hour++) {
            plantHour(stack, schemas, hour);
            ReconciliationReport run = gate(db, schemas, gate, Optional.of(history));
            cleanHours.add(run.cleanHours());
            verdicts.add(run.verdict());
        }
        assertThat(cleanHours).containsExactly(1, 2, 3);
        assertThat(verdicts).containsExactly("FAIL", "FAIL", "PASS");
        assertThat(runs(stack, historySchema)).isEqualTo(3);

        // The batch loses a transaction of the newest hour: that run fails and the count restarts.
        Jdbc.execute(
                stack,
                "DELETE FROM "
                        + schemas.get("batch")
                        + ".card_transactions WHERE transaction_id = ?",
                transactionOfHour(2));
        ReconciliationReport dirty = gate(db, schemas, gate, Optional.of(history));
        assertThat(dirty.verdict()).isEqualTo("FAIL");
        assertThat(dirty.cleanHours()).isZero();

        // Repaired, and a clean hour more: the dirty hour stays dirty, so 1 clean hour, not 4.
        plantHour(stack, schemas, 2);
        plantHour(stack, schemas, 3);
        ReconciliationReport repaired = gate(db, schemas, gate, Optional.of(history));
        assertThat(byName(repaired).values()).allMatch(r -> r.unexplained() == 0);
        assertThat(repaired.cleanHours()).isEqualTo(1);
        assertThat(repaired.verdict()).isEqualTo("FAIL");
        assertThat(repaired.failures())
                .containsExactly(
                        "history: clean hours: 1 consecutive clean hours (require_clean_hours 3)");

        // Two more clean hours: the burn-in is met again.
        plantHour(stack, schemas, 4);
        plantHour(stack, schemas, 5);
        ReconciliationReport passed = gate(db, schemas, gate, Optional.of(history));
        assertThat(passed.cleanHours()).isEqualTo(3);
        assertThat(passed.verdict()).isEqualTo("PASS");

        // A dead letter the batch has and the stream lacks has no hour: it dirties the run's
        // newest hour, so it restarts the count as well.
        deadLetter(stack, schemas.get("batch"), 999, H0.plus(Duration.ofHours(5)));
        ReconciliationReport deadLetter = gate(db, schemas, gate, Optional.of(history));
        assertThat(deadLetter.cleanHours()).isZero();
        assertThat(deadLetter.verdict()).isEqualTo("FAIL");
        assertThat(runs(stack, historySchema)).isEqualTo(7);
        assertThat(new RunHistory(db, historySchema).cleanHours(List.of())).isZero();
    }

    /** The 12 transactions that reach Kafka 90 minutes after their hour (after its cutoff). */
    private static final List<String> LATE =
            List.of(
                    "txn-00050",
                    "txn-00150",
                    "txn-00250",
                    "txn-00350",
                    "txn-00450",
                    "txn-00550",
                    "txn-00650",
                    "txn-00750",
                    "txn-00850",
                    "txn-00950",
                    "txn-01050",
                    "txn-01150");

    /** The 3 transactions whose batch copy is a later duplicate than the stream's. */
    private static final List<String> DUPLICATES = List.of("txn-00007", "txn-00407", "txn-00807");

    /**
     * Transactions {@code first..last} (one every 8 s from {@link #H0}, 150 accounts, 450 per hour)
     * into a schema: those with {@code n % 100 = 50} reach Kafka 90 minutes after their hour began,
     * after its cutoff, and are left out of the batch; for {@code n % 400 = 7} the batch kept a
     * copy that arrived 2 s after the stream's. Then the schema's hourly rows are recomputed from
     * its transactions, as the pipeline would have written them.
     */
    private static void plantTransactions(
            StackEndpoints stack, String schema, boolean batch, int first, int last)
            throws SQLException {
        Jdbc.execute(
                stack,
                "WITH t AS (SELECT n, ?::timestamptz + n * interval '8 seconds' AS ev,"
                        + " date_bin('1 hour', ?::timestamptz + n * interval '8 seconds',"
                        + " TIMESTAMPTZ '2000-01-01 00:00:00+00') AS hour"
                        + " FROM generate_series(?::int, ?::int) n)"
                        + " INSERT INTO "
                        + schema
                        + ".card_transactions (transaction_id, account_id, event_time,"
                        + " event_hour, amount, currency, amount_usd, merchant_category, status,"
                        + " is_international, masked_card, kafka_timestamp)"
                        + " SELECT 'txn-' || lpad(n::text, 5, '0'),"
                        + " 'acct-' || lpad((n % 150)::text, 3, '0'), ev, hour,"
                        + " (n % 97 + 1)::numeric(18,2), 'USD', (n % 97 + 1)::numeric(18,2),"
                        + " 'GROCERY',"
                        + " CASE n % 20 WHEN 0 THEN 'DECLINED' WHEN 1 THEN 'REVERSED'"
                        + " ELSE 'APPROVED' END,"
                        + " n % 7 = 0, '400000******0002',"
                        + " CASE WHEN n % 100 = 50 THEN hour + interval '90 minutes'"
                        + " WHEN ? AND n % 400 = 7 THEN ev + interval '3 seconds'"
                        + " ELSE ev + interval '1 second' END"
                        + " FROM t WHERE NOT (? AND n % 100 = 50)"
                        + " ON CONFLICT (transaction_id) DO NOTHING",
                H0.atOffset(ZoneOffset.UTC),
                H0.atOffset(ZoneOffset.UTC),
                first,
                last,
                batch,
                batch);
        Jdbc.execute(stack, "DELETE FROM " + schema + ".account_hourly_spend");
        Jdbc.execute(
                stack,
                "INSERT INTO "
                        + schema
                        + ".account_hourly_spend (account_id, hour_start, txn_count,"
                        + " approved_amount_usd, declined_count, international_count,"
                        + " max_amount_usd) SELECT account_id, event_hour, count(*),"
                        + " coalesce(sum(amount_usd) FILTER (WHERE status = 'APPROVED'), 0),"
                        + " count(*) FILTER (WHERE status = 'DECLINED'), count(*) FILTER (WHERE"
                        + " is_international), max(amount_usd) FROM "
                        + schema
                        + ".card_transactions GROUP BY 1, 2");
    }

    /** Hour {@code hour} after {@link #H0} into stream, truth and batch. */
    private static void plantHour(StackEndpoints stack, Map<String, String> schemas, int hour)
            throws SQLException {
        for (String pipeline : List.of("stream", "truth", "batch")) {
            plantTransactions(
                    stack,
                    schemas.get(pipeline),
                    pipeline.equals("batch"),
                    450 * hour,
                    450 * hour + 449);
        }
    }

    /** A transaction of hour {@code hour} that is neither late nor a duplicate. */
    private static String transactionOfHour(int hour) {
        return String.format("txn-%05d", 450 * hour + 3);
    }

    /**
     * Five dead letters, and with {@code latePoison} a sixth that reached Kafka after the cutoff of
     * the batch's newest hour (H2 + 1 h + grace), which no batch run read.
     */
    private static void plantDeadLetters(StackEndpoints stack, String schema, boolean latePoison)
            throws SQLException {
        for (int offset = 0; offset < 5; offset++) {
            deadLetter(stack, schema, offset, H0.plusSeconds(600L * offset));
        }
        if (latePoison) {
            deadLetter(stack, schema, 5, H0.plus(Duration.ofMinutes(3 * 60 + 15)));
        }
    }

    /**
     * {@code policy}'s limits on the table pairs, without its latency and burn-in: planted rows
     * have no real {@code written_at}, and the burn-in has a test of its own.
     */
    private static GatePolicy tableThresholdsOf(Path policy) {
        GatePolicy example = GatePolicy.load(policy);
        Thresholds d = example.defaults();
        assertThat(d.maxUnexplained()).isZero();
        return new GatePolicy(
                new Thresholds(
                        d.maxUnexplained(),
                        d.maxOnlyInLeft(),
                        d.maxOnlyInRight(),
                        d.maxMismatchRate(),
                        d.maxExplainedRate(),
                        d.minRows(),
                        null,
                        null),
                example.tables());
    }

    /** A parity run of {@code schemas} gated by {@code policy}, recorded in {@code history}. */
    private static ReconciliationReport gate(
            ConnectionSpec db,
            Map<String, String> schemas,
            GatePolicy policy,
            Optional<RunHistory> history) {
        ParityRun.Result result =
                ParityRun.run(
                        new ParityRun.Options(db, Duration.ofMinutes(10), Mode.FULL, 20, schemas));
        return Reports.build(
                Instant.now(),
                result.comparisons(),
                result.latency(),
                result.freshnessGain(),
                policy,
                history);
    }

    private static Map<String, DiffResult> byName(ReconciliationReport report) {
        return report.comparisons().stream()
                .collect(Collectors.toMap(TableComparison::name, TableComparison::result));
    }

    private static long runs(StackEndpoints stack, String historySchema) throws SQLException {
        return (Long)
                Jdbc.query(
                                stack,
                                "SELECT count(*) AS n FROM "
                                        + historySchema
                                        + ".reconciliation_runs")
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
        Map<String, String> schemas = ParitySchemas.create(stack, schema);
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

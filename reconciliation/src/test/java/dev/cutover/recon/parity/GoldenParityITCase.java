package dev.cutover.recon.parity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.model.golden.GoldenFixture;
import dev.cutover.model.golden.GoldenFixture.SchemaIds;
import dev.cutover.model.golden.GoldenFixture.Tables;
import dev.cutover.recon.db.ConnectionSpec;
import dev.cutover.recon.diff.DiffResult;
import dev.cutover.recon.diff.Mode;
import dev.cutover.recon.report.TableComparison;
import dev.cutover.stack.Service;
import dev.cutover.stack.StackEndpoints;
import dev.cutover.testkit.EmbeddedStackTest;
import dev.cutover.testkit.Jdbc;
import dev.cutover.testkit.TestSchema;
import dev.cutover.testkit.TestTime;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The golden fixture's hand-written rows, as the stream, the truth and the batch must write them,
 * reconciled: every difference between the complete rows and the batch's is one reconciliation
 * explains — the four transactions that reached Kafka at or after their hour's cutoff and their
 * three hourly rows ({@code late-arrival}), the poison record after the last cutoff ({@code
 * poison}) — and nothing is left unexplained; stream and truth are equal.
 */
@EmbeddedStackTest(services = Service.POSTGRES)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class GoldenParityITCase {
    private static final SchemaIds IDS = new SchemaIds(1, 2);

    @Test
    void everyDifferenceBetweenTheGoldenStreamAndBatchRowsIsExplained(
            StackEndpoints stack, TestSchema schema) throws Exception {
        GoldenFixture fixture = GoldenFixture.load(TestTime.hourStart(6));
        Map<String, String> schemas = ParitySchemas.create(stack, schema);
        write(stack, schemas.get("stream"), fixture.stream(IDS));
        write(stack, schemas.get("truth"), fixture.stream(IDS));
        write(stack, schemas.get("batch"), fixture.batch(IDS));
        ConnectionSpec db =
                new ConnectionSpec(stack.jdbcUrl(), stack.jdbcUser(), stack.jdbcPassword());

        Map<String, DiffResult> results =
                ParityRun.run(
                                new ParityRun.Options(
                                        db, Duration.ofMinutes(10), Mode.FULL, 20, schemas))
                        .comparisons()
                        .stream()
                        .collect(Collectors.toMap(TableComparison::name, TableComparison::result));

        assertThat(results)
                .hasSize(9)
                .allSatisfy((name, r) -> assertThat(r.unexplained()).as(name).isZero());
        for (String pair : new String[] {"stream vs batch", "truth vs batch"}) {
            assertThat(results.get(pair + ": card_transactions").explained())
                    .isEqualTo(Map.of("late-arrival", 4L));
            assertThat(results.get(pair + ": card_transactions").matchedRows()).isEqualTo(36);
            assertThat(results.get(pair + ": account_hourly_spend").explained())
                    .isEqualTo(Map.of("late-arrival", 3L));
            assertThat(results.get(pair + ": dead_letters").explained())
                    .isEqualTo(Map.of("poison", 1L));
        }
        for (String table :
                new String[] {"card_transactions", "account_hourly_spend", "dead_letters"}) {
            assertThat(results.get("stream vs truth: " + table).differences()).as(table).isZero();
        }
    }

    private static void write(StackEndpoints stack, String schema, Tables rows)
            throws SQLException {
        for (GoldenFixture.Transaction t : rows.transactions()) {
            Jdbc.execute(
                    stack,
                    "INSERT INTO "
                            + schema
                            + ".card_transactions (transaction_id, account_id, event_time,"
                            + " event_hour, amount, currency, amount_usd, merchant_category,"
                            + " status, is_international, masked_card, kafka_timestamp) VALUES (?,"
                            + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    t.transactionId(),
                    t.accountId(),
                    utc(t.eventTime()),
                    utc(t.eventHour()),
                    t.amount(),
                    t.currency(),
                    t.amountUsd(),
                    t.merchantCategory(),
                    t.status(),
                    t.international(),
                    t.maskedCard(),
                    utc(t.kafkaTimestamp()));
        }
        for (GoldenFixture.HourlySpend h : rows.hourlySpend()) {
            Jdbc.execute(
                    stack,
                    "INSERT INTO "
                            + schema
                            + ".account_hourly_spend (account_id, hour_start, txn_count,"
                            + " approved_amount_usd, declined_count, international_count,"
                            + " max_amount_usd) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    h.accountId(),
                    utc(h.hourStart()),
                    h.txnCount(),
                    h.approvedAmountUsd(),
                    h.declinedCount(),
                    h.internationalCount(),
                    h.maxAmountUsd());
        }
        for (GoldenFixture.DeadLetter d : rows.deadLetters()) {
            Jdbc.execute(
                    stack,
                    "INSERT INTO "
                            + schema
                            + ".dead_letters (topic, kafka_partition, kafka_offset,"
                            + " kafka_timestamp, reason, detail, raw_base64) VALUES ('golden', ?,"
                            + " ?, ?, ?, ?, ?)",
                    d.partition(),
                    d.offset(),
                    utc(d.kafkaTimestamp()),
                    d.reason(),
                    d.detail(),
                    d.rawHex() == null
                            ? null
                            : Base64.getEncoder()
                                    .encodeToString(HexFormat.of().parseHex(d.rawHex())));
        }
    }

    private static Object utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}

package dev.cutover.model.golden;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.model.golden.GoldenFixture.DeadLetter;
import dev.cutover.model.golden.GoldenFixture.HourlySpend;
import dev.cutover.model.golden.GoldenFixture.SchemaIds;
import dev.cutover.model.golden.GoldenFixture.Sent;
import dev.cutover.model.golden.GoldenFixture.Tables;
import dev.cutover.model.golden.GoldenFixture.Transaction;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The golden fixture's hand-written files agree with one another: every transaction sent is a row,
 * each at its first arrival; the hourly rows add up the transaction rows; every poison record is a
 * dead letter at its position. (Whether the values follow the rules is what the engines' tests
 * check against these files; this only keeps the files consistent.)
 */
class GoldenFixtureTest {
    private static final Instant H0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final GoldenFixture FIXTURE = GoldenFixture.load(H0);
    private static final SchemaIds IDS = new SchemaIds(1, 2);

    @Test
    void everyTransactionSentIsOneRowAtItsFirstArrival() {
        Map<String, Sent> first = new TreeMap<>();
        Comparator<Sent> arrival =
                Comparator.comparing(Sent::kafkaTimestamp)
                        .thenComparingInt(Sent::partition)
                        .thenComparingLong(Sent::offset);
        for (Sent s : FIXTURE.records()) {
            if (!s.poison()) {
                first.merge(
                        s.event().transactionId().toString(),
                        s,
                        (a, b) -> arrival.compare(a, b) <= 0 ? a : b);
            }
        }
        List<Transaction> rows = FIXTURE.stream(IDS).transactions();

        assertThat(rows)
                .extracting(Transaction::transactionId)
                .containsExactlyElementsOf(first.keySet());
        for (Transaction row : rows) {
            Sent winner = first.get(row.transactionId());
            assertThat(row.kafkaTimestamp())
                    .as(row.transactionId())
                    .isEqualTo(winner.kafkaTimestamp());
            assertThat(row.amount()).as(row.transactionId()).isEqualTo(winner.event().amount());
            assertThat(row.status()).as(row.transactionId()).isEqualTo(winner.event().status());
            assertThat(row.eventTime())
                    .as(row.transactionId())
                    .isEqualTo(winner.event().eventTime());
            assertThat(row.accountId())
                    .as(row.transactionId())
                    .isEqualTo(winner.event().accountId());
        }
    }

    @Test
    void theBatchLacksExactlyTheRowsThatArrivedAtOrAfterTheirHoursCutoff() {
        Set<String> batch =
                FIXTURE.batch(IDS).transactions().stream()
                        .map(Transaction::transactionId)
                        .collect(Collectors.toSet());
        for (Transaction row : FIXTURE.stream(IDS).transactions()) {
            Instant cutoff = row.eventHour().plus(java.time.Duration.ofMinutes(70));
            assertThat(batch.contains(row.transactionId()))
                    .as(row.transactionId())
                    .isEqualTo(row.kafkaTimestamp().isBefore(cutoff));
        }
        assertThat(batch).hasSize(36);
    }

    @Test
    void hourlyRowsAddUpTheTransactionRows() {
        Tables stream = FIXTURE.stream(IDS);
        Tables batch = FIXTURE.batch(IDS);

        assertThat(stream.hourlySpend()).isEqualTo(sums(stream.transactions()));
        assertThat(batch.hourlySpend()).isEqualTo(sums(batch.transactions()));
    }

    @Test
    void everyPoisonRecordIsADeadLetterAtItsPosition() {
        List<Sent> poison = FIXTURE.records().stream().filter(Sent::poison).toList();
        List<DeadLetter> letters = FIXTURE.stream(IDS).deadLetters();

        assertThat(letters)
                .extracting(d -> d.partition() + "/" + d.offset() + "@" + d.kafkaTimestamp())
                .containsExactlyInAnyOrderElementsOf(
                        poison.stream()
                                .map(
                                        s ->
                                                s.partition()
                                                        + "/"
                                                        + s.offset()
                                                        + "@"
                                                        + s.kafkaTimestamp())
                                .toList());
        for (DeadLetter letter : letters) {
            Sent sent =
                    poison.stream()
                            .filter(
                                    s ->
                                            s.partition() == letter.partition()
                                                    && s.offset() == letter.offset())
                            .findFirst()
                            .orElseThrow();
            assertThat(letter.rawHex()).isEqualTo(GoldenFixture.hex(FIXTURE.value(sent, IDS)));
        }
        Instant lastCutoff = FIXTURE.hour(3).plus(GoldenFixture.GRACE);
        assertThat(FIXTURE.batch(IDS).deadLetters())
                .containsExactlyElementsOf(
                        letters.stream()
                                .filter(d -> d.kafkaTimestamp().isBefore(lastCutoff))
                                .toList())
                .hasSize(8);
    }

    @Test
    void eachPartitionsTimestampsNeverGoBackwards() {
        for (int p = 0; p < GoldenFixture.PARTITIONS; p++) {
            int partition = p;
            List<Instant> times =
                    FIXTURE.records().stream()
                            .filter(s -> s.partition() == partition)
                            .map(Sent::kafkaTimestamp)
                            .toList();
            assertThat(times).as("partition %d", p).isSorted();
        }
    }

    /** account_hourly_spend of {@code rows}, summed here only to cross-check the files. */
    private static List<HourlySpend> sums(List<Transaction> rows) {
        Map<String, List<Transaction>> byKey = new TreeMap<>();
        rows.forEach(
                t ->
                        byKey.computeIfAbsent(
                                        t.accountId() + "|" + t.eventHour(), k -> new ArrayList<>())
                                .add(t));
        List<HourlySpend> result = new ArrayList<>();
        byKey.values()
                .forEach(
                        ts ->
                                result.add(
                                        new HourlySpend(
                                                ts.get(0).accountId(),
                                                ts.get(0).eventHour(),
                                                ts.size(),
                                                ts.stream()
                                                        .filter(t -> t.status().equals("APPROVED"))
                                                        .map(Transaction::amountUsd)
                                                        .reduce(
                                                                new BigDecimal("0.00"),
                                                                BigDecimal::add),
                                                ts.stream()
                                                        .filter(t -> t.status().equals("DECLINED"))
                                                        .count(),
                                                ts.stream()
                                                        .filter(Transaction::international)
                                                        .count(),
                                                ts.stream()
                                                        .map(Transaction::amountUsd)
                                                        .max(Comparator.naturalOrder())
                                                        .orElseThrow())));
        return new Tables(List.of(), result, List.of()).sorted().hourlySpend();
    }
}

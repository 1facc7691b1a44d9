package dev.cutover.loadgen.truth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.model.CardTransactionSchemas;
import dev.cutover.model.golden.GoldenFixture;
import dev.cutover.model.golden.GoldenFixture.SchemaIds;
import dev.cutover.model.golden.GoldenFixture.Sent;
import dev.cutover.model.golden.GoldenFixture.Tables;
import dev.cutover.model.wire.ConfluentAvroDecoder;
import dev.cutover.model.wire.DecodeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/**
 * The ground truth of the golden fixture's arrivals ({@link GroundTruth#of}) equals the rows
 * written by hand in model/src/test/resources/golden/expected: the same rows the Flink job must
 * write. The poison records are labelled as the generator labels its own, by the model's decoder.
 */
class GoldenTruthTest {
    /** A pure unit test: a fixed H0 is fine here (nothing reaches Kafka or a clock). */
    private static final Instant H0 = Instant.parse("2026-11-23T06:00:00Z");

    private static final SchemaIds IDS = new SchemaIds(1, 2);

    @Test
    void theTruthOfTheGoldenFixtureIsTheHandWrittenRows() throws Exception {
        GoldenFixture fixture = GoldenFixture.load(H0);
        ConfluentAvroDecoder<GenericRecord> decoder =
                ConfluentAvroDecoder.generic(
                        CardTransactionSchemas.LATEST.schema(),
                        id ->
                                id == IDS.v1()
                                        ? Optional.of(CardTransactionSchemas.V1.schema())
                                        : id == IDS.v2()
                                                ? Optional.of(CardTransactionSchemas.V2.schema())
                                                : Optional.empty());
        List<GroundTruth.AcknowledgedEvent> events = new ArrayList<>();
        List<DeadLetter> poison = new ArrayList<>();
        for (Sent sent : fixture.records()) {
            Arrival arrival =
                    new Arrival(
                            sent.kafkaTimestamp().toEpochMilli(), sent.partition(), sent.offset());
            if (!sent.poison()) {
                events.add(
                        new GroundTruth.AcknowledgedEvent(
                                GoldenFixture.cardTransaction(sent.event()),
                                sent.version(),
                                arrival));
                continue;
            }
            byte[] value = fixture.value(sent, IDS);
            DecodeException failure = failure(decoder, value);
            poison.add(
                    new DeadLetter(
                            "golden",
                            sent.partition(),
                            sent.offset(),
                            sent.kafkaTimestamp(),
                            failure.failure().code(),
                            failure.failure().code(),
                            failure.getMessage(),
                            value == null ? null : Base64.getEncoder().encodeToString(value)));
        }

        TruthReport truth = GroundTruth.of("golden", events, poison, GoldenFixture.GRACE);

        Tables expected = fixture.stream(IDS);
        Tables actual = tables(truth);
        assertThat(actual.transactions()).isEqualTo(expected.transactions());
        assertThat(actual.hourlySpend()).isEqualTo(expected.hourlySpend());
        assertThat(actual.deadLetters()).isEqualTo(expected.deadLetters());
        assertThat(truth.transactions())
                .filteredOn(TruthTransaction::afterBatchCutoff)
                .extracting(TruthTransaction::transactionId)
                .containsExactlyInAnyOrderElementsOf(
                        expected.transactions().stream()
                                .map(GoldenFixture.Transaction::transactionId)
                                .filter(
                                        id ->
                                                fixture.batch(IDS).transactions().stream()
                                                        .noneMatch(
                                                                t -> t.transactionId().equals(id)))
                                .toList());
        assertThat(truth.counts().duplicates()).isEqualTo(6);
    }

    private static DecodeException failure(ConfluentAvroDecoder<GenericRecord> decoder, byte[] v) {
        try {
            decoder.decode(v);
        } catch (DecodeException e) {
            return e;
        }
        throw new AssertionError("a poison record of the fixture decoded");
    }

    private static Tables tables(TruthReport truth) {
        return new Tables(
                        truth.transactions().stream()
                                .map(
                                        t ->
                                                new GoldenFixture.Transaction(
                                                        t.transactionId(),
                                                        t.accountId(),
                                                        t.eventTime(),
                                                        t.eventHour(),
                                                        t.amount(),
                                                        t.currency(),
                                                        t.amountUsd(),
                                                        t.merchantCategory(),
                                                        t.status(),
                                                        t.international(),
                                                        t.maskedCard(),
                                                        t.kafkaTimestamp()))
                                .toList(),
                        truth.hourlySpend().stream()
                                .map(
                                        h ->
                                                new GoldenFixture.HourlySpend(
                                                        h.accountId(),
                                                        h.hourStart(),
                                                        h.txnCount(),
                                                        h.approvedAmountUsd(),
                                                        h.declinedCount(),
                                                        h.internationalCount(),
                                                        h.maxAmountUsd()))
                                .toList(),
                        truth.deadLetters().stream()
                                .map(
                                        d ->
                                                new GoldenFixture.DeadLetter(
                                                        d.partition(),
                                                        d.offset(),
                                                        d.kafkaTimestamp(),
                                                        d.reason(),
                                                        d.detail(),
                                                        d.rawBase64() == null
                                                                ? null
                                                                : GoldenFixture.hex(
                                                                        Base64.getDecoder()
                                                                                .decode(
                                                                                        d
                                                                                                .rawBase64()))))
                                .toList())
                .sorted();
    }
}

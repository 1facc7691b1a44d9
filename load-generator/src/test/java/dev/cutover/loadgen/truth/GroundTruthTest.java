package dev.cutover.loadgen.truth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.loadgen.config.DelayRange;
import dev.cutover.loadgen.config.FaultOptions;
import dev.cutover.loadgen.config.GeneratorOptions;
import dev.cutover.loadgen.generate.EventGenerator;
import dev.cutover.loadgen.generate.GeneratedRecord;
import dev.cutover.loadgen.generate.RecordKind;
import dev.cutover.loadgen.generate.SchemaIds;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GroundTruthTest {
    @Test
    void firstArrivalWinsAndOnlyAcknowledgedRecordsCountForARunOfUnknownLength() {
        check(new GroundTruth("t"));
    }

    @Test
    void firstArrivalWinsAndOnlyAcknowledgedRecordsCountForARunOfKnownLength() {
        check(new GroundTruth("t", 2_000));
    }

    private static void check(GroundTruth truth) {
        EventGenerator generator =
                new EventGenerator(
                        GeneratorOptions.defaults(9, 2_000, Instant.parse("2026-11-23T00:00:00Z"))
                                .withFaults(
                                        new FaultOptions(
                                                0.1, DelayRange.parse("5m..3h"), 0, 0.2, 0.05)),
                        new SchemaIds(1, 2));
        int failedEvents = 0;
        int duplicates = 0;
        GeneratedRecord aDuplicate = null;
        for (long p = 0; p < 2_000; p++) {
            GeneratedRecord r = generator.generate(p);
            truth.attempted(r);
            if (r.kind() == RecordKind.EVENT && p % 97 == 0) {
                truth.failed(r);
                failedEvents++;
                continue;
            }
            // Partition 0, offset = position; timestamps from the generator.
            truth.acknowledged(r, 0, p, r.timestampMillis());
            if (r.kind() == RecordKind.DUPLICATE) {
                duplicates++;
                aDuplicate = r;
            }
        }
        TruthReport report = truth.compute(generator, Duration.ofMinutes(10));

        assertThat(report.counts().failed()).isEqualTo(failedEvents);
        assertThat(report.counts().failedByKind()).containsEntry("event", (long) failedEvents);
        assertThat(aDuplicate).isNotNull();
        String dupId =
                generator.transaction(aDuplicate.sourcePosition()).getTransactionId().toString();
        TruthTransaction row =
                report.transactions().stream()
                        .filter(t -> t.transactionId().equals(dupId))
                        .findFirst()
                        .orElseThrow();
        long originalOffset = aDuplicate.sourcePosition();
        // The original was acknowledged unless it is one of the failed ones.
        if (originalOffset % 97 != 0) {
            assertThat(row.offset()).isEqualTo(originalOffset);
        } else {
            assertThat(row.offset()).isLessThanOrEqualTo(aDuplicate.position());
        }
        long distinct = report.transactions().size();
        long eventRecords =
                report.counts().recordsByVersion().values().stream()
                        .mapToLong(Long::longValue)
                        .sum();
        assertThat(report.counts().duplicates()).isEqualTo(eventRecords - distinct);
        assertThat(duplicates).isGreaterThan(0);

        // account_hourly_spend agrees with the rows it is built from.
        long txns = report.hourlySpend().stream().mapToLong(HourlySpend::txnCount).sum();
        assertThat(txns).isEqualTo(distinct);
        BigDecimal approved =
                report.transactions().stream()
                        .filter(t -> t.status().equals("APPROVED"))
                        .map(TruthTransaction::amountUsd)
                        .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(
                        report.hourlySpend().stream()
                                .map(HourlySpend::approvedAmountUsd)
                                .reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(approved);
        assertThat(report.transactions())
                .filteredOn(TruthTransaction::afterBatchCutoff)
                .allMatch(TruthTransaction::lateFault)
                .isNotEmpty();

        Map<String, Object> json = SummaryJson.toMap(report, Map.of(), Map.of());
        assertThat(json).containsKeys("events_by_version", "late", "poison", "hours");
    }
}

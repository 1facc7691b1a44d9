package dev.cutover.loadgen.truth;

import java.util.List;
import java.util.Map;

/**
 * What the pipelines should produce for a run, computed from what Kafka acknowledged.
 *
 * @param transactions one per distinct transaction id, sorted by id
 * @param hourlySpend one per (account, hour), sorted
 * @param deadLetters the acknowledged poison records, sorted by partition and offset
 * @param counts the run's counters (see {@link TruthCounts})
 */
public record TruthReport(
        String topic,
        List<TruthTransaction> transactions,
        List<HourlySpend> hourlySpend,
        List<DeadLetter> deadLetters,
        TruthCounts counts) {

    /**
     * Counters of a run.
     *
     * @param recordsByVersion acknowledged event and duplicate records per schema version label
     * @param duplicates acknowledged event/duplicate records beyond the first of each transaction
     * @param lateFaults distinct transactions injected late
     * @param outOfOrderFaults distinct transactions injected out of order
     * @param poisonByKind acknowledged poison records per poison kind
     * @param failedByKind records Kafka did not acknowledge, per record kind
     */
    public record TruthCounts(
            long attempted,
            long acknowledged,
            long failed,
            Map<String, Long> recordsByVersion,
            long distinctTransactions,
            long duplicates,
            long lateFaults,
            long outOfOrderFaults,
            Map<String, Long> poisonByKind,
            Map<String, Long> failedByKind) {}
}

package dev.cutover.recon.parity;

import dev.cutover.model.rules.EventHours;
import dev.cutover.recon.diff.DiffSpec;
import dev.cutover.recon.diff.Difference;
import dev.cutover.recon.diff.DifferenceClassifier;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Causes of {@code card_transactions} differences against the batch: a transaction only on the
 * complete side (stream or truth) that reached Kafka at or after its hour's batch cutoff ({@link
 * EventHours#batchCutoff}) is a {@code late-arrival}; a row whose only difference is {@code
 * kafka_timestamp} is a {@code duplicate} (the two sides kept different copies of a duplicated
 * transaction).
 */
public final class LateArrivals implements DifferenceClassifier {
    public static final String LATE_ARRIVAL = "late-arrival";
    public static final String DUPLICATE = "duplicate";

    private final Duration grace;

    public LateArrivals(Duration grace) {
        this.grace = grace;
    }

    @Override
    public Optional<String> classify(Difference difference, DiffSpec spec) {
        if (difference.kind() == Difference.Kind.ONLY_IN_LEFT
                && isLate(spec, difference.left(), grace)) {
            return Optional.of(LATE_ARRIVAL);
        }
        if (difference.kind() == Difference.Kind.MISMATCH
                && difference.columns().equals(List.of("kafka_timestamp"))) {
            return Optional.of(DUPLICATE);
        }
        return Optional.empty();
    }

    static boolean isLate(DiffSpec spec, dev.cutover.recon.diff.Row row, Duration grace) {
        if (spec.value(row, "event_hour") instanceof Instant hour
                && spec.value(row, "kafka_timestamp") instanceof Instant arrival) {
            return !arrival.isBefore(EventHours.batchCutoff(hour, grace));
        }
        return false;
    }
}

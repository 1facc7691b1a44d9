package dev.cutover.recon.parity;

import dev.cutover.recon.diff.DiffSpec;
import dev.cutover.recon.diff.Difference;
import dev.cutover.recon.diff.DifferenceClassifier;
import java.time.Instant;
import java.util.Optional;

/**
 * Causes of {@code dead_letters} differences against the batch: a poison record only the complete
 * side has, that reached Kafka at or after the cutoff of the last hour the batch ran for, was never
 * read by any batch run: {@code poison}.
 */
final class LatePoison implements DifferenceClassifier {
    static final String POISON = "poison";

    private final Instant lastBatchCutoff;

    LatePoison(Instant lastBatchCutoff) {
        this.lastBatchCutoff = lastBatchCutoff;
    }

    @Override
    public Optional<String> classify(Difference difference, DiffSpec spec) {
        if (lastBatchCutoff != null
                && difference.kind() == Difference.Kind.ONLY_IN_LEFT
                && spec.value(difference.left(), "kafka_timestamp") instanceof Instant arrival
                && !arrival.isBefore(lastBatchCutoff)) {
            return Optional.of(POISON);
        }
        return Optional.empty();
    }
}

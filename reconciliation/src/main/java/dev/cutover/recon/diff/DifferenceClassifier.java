package dev.cutover.recon.diff;

import java.util.Optional;

/**
 * Gives a difference its cause ({@code late-arrival}, {@code poison}, …) when one applies; an empty
 * answer leaves it unexplained.
 */
@FunctionalInterface
public interface DifferenceClassifier {
    DifferenceClassifier NONE = (difference, spec) -> Optional.empty();

    Optional<String> classify(Difference difference, DiffSpec spec);
}

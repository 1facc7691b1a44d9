package dev.cutover.loadgen.config;

import dev.cutover.model.CardTransactionSchemas;
import java.util.EnumMap;
import java.util.Map;

/**
 * The share of events written with each schema version, written {@code v1:0.7,v2:0.3} on the
 * command line. Shares are normalised; a version not named gets none.
 */
public record SchemaMix(double v2Share) {
    public SchemaMix {
        if (!(v2Share >= 0 && v2Share <= 1)) {
            throw new IllegalArgumentException("v2 share must be in [0,1], got " + v2Share);
        }
    }

    public static SchemaMix parse(String text) {
        Map<CardTransactionSchemas, Double> weights = new EnumMap<>(CardTransactionSchemas.class);
        for (String part : text.split(",")) {
            String[] kv = part.trim().split(":");
            if (kv.length != 2) {
                throw new IllegalArgumentException(
                        "schema mix must look like v1:0.7,v2:0.3, got '" + text + "'");
            }
            double weight;
            try {
                weight = Double.parseDouble(kv[1].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "schema mix weight is not a number: '" + kv[1].trim() + "'");
            }
            if (!(weight >= 0) || Double.isInfinite(weight)) {
                throw new IllegalArgumentException(
                        "schema mix weight must be >= 0, got " + kv[1].trim());
            }
            weights.merge(CardTransactionSchemas.fromLabel(kv[0].trim()), weight, Double::sum);
        }
        double total = weights.values().stream().mapToDouble(Double::doubleValue).sum();
        if (total <= 0) {
            throw new IllegalArgumentException("schema mix gives every version weight 0");
        }
        return new SchemaMix(weights.getOrDefault(CardTransactionSchemas.V2, 0.0) / total);
    }

    @Override
    public String toString() {
        return String.format("v1:%.3f,v2:%.3f", 1 - v2Share, v2Share);
    }
}

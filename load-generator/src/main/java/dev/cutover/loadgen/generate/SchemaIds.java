package dev.cutover.loadgen.generate;

import dev.cutover.model.CardTransactionSchemas;

/** The registry ids of the two schema versions the generator writes. */
public record SchemaIds(int v1, int v2) {
    public int of(CardTransactionSchemas version) {
        return version == CardTransactionSchemas.V1 ? v1 : v2;
    }
}

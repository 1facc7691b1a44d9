package dev.cutover.loadgen.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.loadgen.config.DelayRange;
import dev.cutover.loadgen.config.FaultOptions;
import dev.cutover.loadgen.config.GeneratorOptions;
import dev.cutover.model.CardTransaction;
import dev.cutover.model.CardTransactionSchemas;
import dev.cutover.model.wire.ConfluentWireFormat;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The fast writer writes exactly what Avro's own writer writes, in both schema versions. */
class CardTransactionWriterTest {
    @Test
    void bytesEqualAvrosGenericWriterForEveryVersion() {
        EventGenerator generator =
                new EventGenerator(
                        GeneratorOptions.defaults(17, 20_000, Instant.parse("2026-11-23T00:00:00Z"))
                                .withFaults(
                                        new FaultOptions(
                                                0.05, DelayRange.parse("5m..3h"), 0.05, 0, 0)),
                        new SchemaIds(1, 2));
        CardTransactionWriter fastV1 = new CardTransactionWriter(CardTransactionSchemas.V1);
        CardTransactionWriter fastV2 = new CardTransactionWriter(CardTransactionSchemas.V2);
        for (long p = 0; p < 20_000; p++) {
            CardTransaction t = generator.transaction(p);
            // The generator's own encoding (reused buffer and encoder) is the same as well.
            CardTransactionSchemas version = generator.version(p);
            assertThat(generator.generate(p).value())
                    .isEqualTo(
                            ConfluentWireFormat.encode(
                                    version == CardTransactionSchemas.V1 ? 1 : 2,
                                    version.schema(),
                                    t));
            assertThat(ConfluentWireFormat.encode(1, fastV1, t))
                    .as("v1 at %d", p)
                    .isEqualTo(
                            ConfluentWireFormat.encode(1, CardTransactionSchemas.V1.schema(), t));
            assertThat(ConfluentWireFormat.encode(2, fastV2, t))
                    .as("v2 at %d", p)
                    .isEqualTo(
                            ConfluentWireFormat.encode(2, CardTransactionSchemas.V2.schema(), t));
        }
    }
}

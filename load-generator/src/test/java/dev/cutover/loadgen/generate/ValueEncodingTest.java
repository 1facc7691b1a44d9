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

/**
 * The generator writes values field by field from precomputed encodings ({@link AvroBuffer}); the
 * bytes are exactly what Avro's own {@code GenericDatumWriter} writes for the same transaction, in
 * both schema versions, for every channel, currency and optional field the draws produce.
 */
class ValueEncodingTest {
    @Test
    void bytesEqualAvrosGenericWriterForEveryVersion() {
        EventGenerator generator =
                new EventGenerator(
                        GeneratorOptions.defaults(17, 20_000, Instant.parse("2026-11-23T00:00:00Z"))
                                .withFaults(
                                        new FaultOptions(
                                                0.05, DelayRange.parse("5m..3h"), 0.05, 0, 0)),
                        new SchemaIds(1, 2));
        int v2 = 0;
        for (long p = 0; p < 20_000; p++) {
            CardTransaction t = generator.transaction(p);
            CardTransactionSchemas version = generator.version(p);
            v2 += version == CardTransactionSchemas.V2 ? 1 : 0;
            assertThat(generator.generate(p).value())
                    .as("position %d", p)
                    .isEqualTo(
                            ConfluentWireFormat.encode(
                                    version == CardTransactionSchemas.V1 ? 1 : 2,
                                    version.schema(),
                                    t));
        }
        assertThat(v2).isBetween(5_000, 7_000);
    }

    @Test
    void twosComplementAsBigInteger() {
        AvroBuffer mine = new AvroBuffer();
        for (long v :
                new long[] {
                    0,
                    1,
                    -1,
                    127,
                    128,
                    -128,
                    -129,
                    255,
                    256,
                    32_767,
                    32_768,
                    1L << 40,
                    Long.MAX_VALUE,
                    Long.MIN_VALUE
                }) {
            mine.reset();
            mine.writeTwosComplement(v);
            AvroBuffer expected = new AvroBuffer();
            expected.writeBytes(java.math.BigInteger.valueOf(v).toByteArray());
            assertThat(mine.toByteArray()).as("%d", v).isEqualTo(expected.toByteArray());
        }
    }
}

package dev.cutover.loadgen.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.loadgen.config.DelayRange;
import dev.cutover.loadgen.config.FaultOptions;
import dev.cutover.loadgen.config.GeneratorOptions;
import dev.cutover.model.CardTransaction;
import dev.cutover.model.CardTransactionSchemas;
import dev.cutover.model.wire.ConfluentAvroDecoder;
import dev.cutover.model.wire.DecodeException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/**
 * Each poison kind fails in the model's decoder with the code the truth records, whether the reader
 * is generic or specific, v1 or v2, and every other record decodes to what was generated.
 */
class PoisonTest {
    @Test
    void everyPoisonKindFailsWithTheRecordedCodeAndEventsDecode() {
        SchemaIds ids = new SchemaIds(3, 4);
        GeneratorOptions options =
                GeneratorOptions.defaults(5, 10_000, Instant.parse("2026-11-23T00:00:00Z"))
                        .withFaults(new FaultOptions(0, DelayRange.parse("5m..3h"), 0, 0, 0.3));
        EventGenerator generator = new EventGenerator(options, ids);
        ConfluentAvroDecoder<CardTransaction> decoder =
                ConfluentAvroDecoder.specific(
                        CardTransactionSchemas.V2.schema(),
                        id ->
                                id == 3
                                        ? Optional.of(CardTransactionSchemas.V1.schema())
                                        : id == 4
                                                ? Optional.of(CardTransactionSchemas.V2.schema())
                                                : Optional.empty());
        ConfluentAvroDecoder<GenericRecord> generic =
                ConfluentAvroDecoder.generic(
                        CardTransactionSchemas.V1.schema(),
                        id ->
                                id == 3
                                        ? Optional.of(CardTransactionSchemas.V1.schema())
                                        : id == 4
                                                ? Optional.of(CardTransactionSchemas.V2.schema())
                                                : Optional.empty());
        Map<PoisonKind, Set<String>> codes = new EnumMap<>(PoisonKind.class);
        for (long p = 0; p < 5_000; p++) {
            GeneratedRecord r = generator.generate(p);
            if (r.kind() == RecordKind.POISON) {
                assertThatThrownBy(() -> decoder.decode(r.value()))
                        .isInstanceOf(DecodeException.class)
                        .satisfies(
                                e ->
                                        assertThat(((DecodeException) e).failure().code())
                                                .isEqualTo(r.poisonReason()));
                // A generic v1 reader (as Spark's from_avro would be) agrees on the code.
                assertThatThrownBy(() -> generic.decode(r.value()))
                        .satisfies(
                                e ->
                                        assertThat(((DecodeException) e).failure().code())
                                                .isEqualTo(r.poisonReason()));
                codes.computeIfAbsent(r.poisonKind(), k -> new HashSet<>()).add(r.poisonReason());
            } else {
                CardTransaction decoded;
                try {
                    decoded = decoder.decode(r.value());
                } catch (DecodeException e) {
                    throw new AssertionError("event " + p + " does not decode", e);
                }
                // Avro's equals differs on map key types (Utf8/String); the JSON form is exact.
                assertThat(decoded.toString())
                        .isEqualTo(generator.transaction(r.sourcePosition()).toString());
            }
        }
        assertThat(codes.get(PoisonKind.WRONG_MAGIC_BYTE)).containsExactly("bad-magic-byte");
        assertThat(codes.get(PoisonKind.UNKNOWN_SCHEMA_ID)).containsExactly("unknown-schema-id");
        assertThat(codes.get(PoisonKind.TRUNCATED_BODY)).containsExactly("truncated-body");
        assertThat(codes.get(PoisonKind.RANDOM_BYTES)).containsExactly("corrupt-body");
    }
}

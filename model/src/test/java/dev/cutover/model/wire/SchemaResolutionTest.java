package dev.cutover.model.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.model.CardTransactionSchemas;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/** v1 and v2 readers both decode every record: Avro resolution against the writer schema. */
class SchemaResolutionTest {
    private static final WriterSchemas BY_ID =
            id ->
                    Optional.of(
                            id == 1
                                    ? CardTransactionSchemas.V1.schema()
                                    : CardTransactionSchemas.V2.schema());

    @Test
    void v1WriterReadAsV2GetsTheNewFieldsDefaults() throws DecodeException {
        GenericRecord written = SampleEvents.v1();
        GenericRecord read =
                ConfluentAvroDecoder.generic(CardTransactionSchemas.V2.schema(), BY_ID)
                        .decode(ConfluentWireFormat.encode(1, written.getSchema(), written));

        assertSharedFieldsEqual(written, read);
        assertThat(read.getSchema().getField("device_id")).isNotNull();
        assertThat(read.get("device_id")).isNull();
        assertThat(read.get("fx_rate_hint")).isNull();
    }

    @Test
    void v2WriterReadAsV1DropsTheNewFields() throws DecodeException {
        GenericRecord written = SampleEvents.v2();
        GenericRecord read =
                ConfluentAvroDecoder.generic(CardTransactionSchemas.V1.schema(), BY_ID)
                        .decode(ConfluentWireFormat.encode(2, written.getSchema(), written));

        assertSharedFieldsEqual(written, read);
        assertThat(read.getSchema().getField("device_id")).isNull();
        assertThat(read.getSchema().getField("fx_rate_hint")).isNull();
    }

    /** Avro's Utf8, enum symbols and nested records as plain strings; maps sorted by key. */
    private static Object plain(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((k, v) -> sorted.put(k.toString(), plain(v)));
            return sorted;
        }
        return value == null ? null : value.toString();
    }

    private static void assertSharedFieldsEqual(GenericRecord written, GenericRecord read) {
        for (Schema.Field field : CardTransactionSchemas.V1.schema().getFields()) {
            String name = field.name();
            assertThat(plain(read.get(name))).as(name).isEqualTo(plain(written.get(name)));
        }
    }
}

package dev.cutover.model.wire;

import org.apache.avro.Conversions;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;

/**
 * The generic Avro data model with the logical-type conversions this project relies on: decimals as
 * {@link java.math.BigDecimal}, timestamp-millis as {@link java.time.Instant}; a uuid stays a
 * string. Generated classes bring their own model (with a {@link java.util.UUID} conversion).
 */
final class AvroData {
    static final GenericData GENERIC = withConversions(new GenericData());

    private AvroData() {}

    private static GenericData withConversions(GenericData data) {
        data.addLogicalTypeConversion(new Conversions.DecimalConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        return data;
    }
}

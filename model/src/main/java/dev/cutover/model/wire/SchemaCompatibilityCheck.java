package dev.cutover.model.wire;

import org.apache.avro.AvroTypeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/** Avro's reader/writer compatibility check, turned into an exception naming the first problem. */
final class SchemaCompatibilityCheck {
    private SchemaCompatibilityCheck() {}

    static void requireReadable(Schema writer, Schema reader) {
        SchemaPairCompatibility result =
                SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (result.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            var incompatibilities = result.getResult().getIncompatibilities();
            String first =
                    incompatibilities.isEmpty()
                            ? result.getDescription()
                            : incompatibilities.get(0).getType()
                                    + " at "
                                    + incompatibilities.get(0).getLocation()
                                    + " ("
                                    + incompatibilities.get(0).getMessage()
                                    + ")";
            throw new AvroTypeException(first);
        }
    }
}

package dev.cutover.model.wire;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * The Confluent wire format: magic byte {@code 0}, the writer schema's registry id as a 4-byte
 * big-endian int, then the Avro binary encoding of the record.
 */
public final class ConfluentWireFormat {
    public static final byte MAGIC_BYTE = 0;
    public static final int HEADER_LENGTH = 5;

    private ConfluentWireFormat() {}

    /**
     * Encodes {@code record} (generic, or a generated class) with {@code writerSchema}. A generated
     * object may be written with an older schema version whose fields are a prefix of its own.
     */
    public static byte[] encode(int schemaId, Schema writerSchema, Object record) {
        GenericData model =
                record instanceof SpecificRecord
                        ? SpecificData.getForClass(record.getClass())
                        : AvroData.GENERIC;
        return encode(schemaId, new GenericDatumWriter<>(writerSchema, model), record);
    }

    /** Encodes with a caller-held writer, which hot paths reuse across records. */
    public static <T> byte[] encode(int schemaId, DatumWriter<T> writer, T record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.write(MAGIC_BYTE);
        out.writeBytes(ByteBuffer.allocate(4).putInt(schemaId).array());
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            writer.write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode record", e);
        }
        return out.toByteArray();
    }

    /**
     * The schema id in the header, after checking the header is there. The batch pipeline groups
     * records by it before decoding.
     */
    public static int schemaId(byte[] value) throws DecodeException {
        if (value == null || value.length == 0) {
            throw new DecodeException(DecodeFailure.EMPTY, "value is empty");
        }
        if (value[0] != MAGIC_BYTE) {
            throw new DecodeException(
                    DecodeFailure.BAD_MAGIC_BYTE,
                    String.format("first byte is 0x%02x, expected 0x00", value[0] & 0xff));
        }
        if (value.length < HEADER_LENGTH) {
            throw new DecodeException(
                    DecodeFailure.TOO_SHORT,
                    "value has " + value.length + " bytes, the header alone needs 5");
        }
        return ByteBuffer.wrap(value, 1, 4).getInt();
    }
}

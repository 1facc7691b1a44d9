package dev.cutover.model.wire;

import java.io.EOFException;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;

/**
 * Decodes Confluent-Avro values into records of one reader schema, resolving each value's writer
 * schema (fetched by id) against it. One resolving reader is built per writer schema id and reused.
 * Not thread-safe: give each thread (or Flink task) its own instance.
 *
 * @param <T> the record type: {@link GenericRecord} or a generated specific class
 */
public final class ConfluentAvroDecoder<T> {
    private final Schema readerSchema;
    private final WriterSchemas writerSchemas;
    private final ReaderFactory<T> readers;
    private final Map<Integer, DatumReader<T>> readerByWriterId = new HashMap<>();
    private BinaryDecoder reusedDecoder;

    private ConfluentAvroDecoder(
            Schema readerSchema, WriterSchemas writerSchemas, ReaderFactory<T> readers) {
        this.readerSchema = readerSchema;
        this.writerSchemas = writerSchemas;
        this.readers = readers;
    }

    /** Decodes into generic records of {@code readerSchema}. */
    public static ConfluentAvroDecoder<GenericRecord> generic(
            Schema readerSchema, WriterSchemas writerSchemas) {
        return new ConfluentAvroDecoder<>(
                readerSchema,
                writerSchemas,
                (writer, reader) -> new GenericDatumReader<>(writer, reader, AvroData.GENERIC));
    }

    /** Decodes into instances of a generated class, e.g. {@code CardTransaction}. */
    public static <T extends SpecificRecord> ConfluentAvroDecoder<T> specific(
            Schema readerSchema, WriterSchemas writerSchemas) {
        return new ConfluentAvroDecoder<>(
                readerSchema,
                writerSchemas,
                (writer, reader) ->
                        new SpecificDatumReader<>(
                                writer, reader, SpecificData.getForSchema(reader)));
    }

    public Schema readerSchema() {
        return readerSchema;
    }

    /**
     * Decodes one value.
     *
     * @throws DecodeException when the value is not a decodable record; its failure says why
     */
    public T decode(byte[] value) throws DecodeException {
        int schemaId = ConfluentWireFormat.schemaId(value);
        DatumReader<T> reader = readerFor(schemaId);
        int bodyLength = value.length - ConfluentWireFormat.HEADER_LENGTH;
        reusedDecoder =
                DecoderFactory.get()
                        .binaryDecoder(
                                value,
                                ConfluentWireFormat.HEADER_LENGTH,
                                bodyLength,
                                reusedDecoder);
        T record;
        try {
            record = reader.read(null, reusedDecoder);
        } catch (EOFException e) {
            throw new DecodeException(
                    DecodeFailure.TRUNCATED_BODY,
                    "body of " + bodyLength + " bytes ends early (schema id " + schemaId + ")",
                    e);
        } catch (IOException | RuntimeException e) {
            throw new DecodeException(
                    DecodeFailure.CORRUPT_BODY,
                    "body does not match schema id " + schemaId + ": " + e.getMessage(),
                    e);
        }
        try {
            if (!reusedDecoder.isEnd()) {
                throw new DecodeException(
                        DecodeFailure.CORRUPT_BODY,
                        "trailing bytes after the record (schema id " + schemaId + ")");
            }
        } catch (IOException e) {
            throw new DecodeException(DecodeFailure.CORRUPT_BODY, e.getMessage(), e);
        }
        return record;
    }

    private DatumReader<T> readerFor(int schemaId) throws DecodeException {
        DatumReader<T> cached = readerByWriterId.get(schemaId);
        if (cached != null) {
            return cached;
        }
        Optional<Schema> writer = writerSchemas.byId(schemaId);
        if (writer.isEmpty()) {
            throw new DecodeException(
                    DecodeFailure.UNKNOWN_SCHEMA_ID,
                    "the schema registry has no schema with id " + schemaId);
        }
        DatumReader<T> reader;
        try {
            reader = readers.create(writer.get(), readerSchema);
            // Resolution errors surface when the resolver is built: force it now, once.
            SchemaCompatibilityCheck.requireReadable(writer.get(), readerSchema);
        } catch (AvroRuntimeException e) {
            throw new DecodeException(
                    DecodeFailure.SCHEMA_RESOLUTION,
                    "writer schema id "
                            + schemaId
                            + " cannot be read as "
                            + readerSchema.getFullName()
                            + ": "
                            + e.getMessage(),
                    e);
        }
        readerByWriterId.put(schemaId, reader);
        return reader;
    }

    @FunctionalInterface
    private interface ReaderFactory<T> {
        DatumReader<T> create(Schema writer, Schema reader);
    }
}

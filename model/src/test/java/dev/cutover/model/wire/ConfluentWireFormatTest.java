package dev.cutover.model.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.model.CardTransaction;
import dev.cutover.model.CardTransactionSchemas;
import dev.cutover.model.Channel;
import dev.cutover.model.Currency;
import dev.cutover.model.Merchant;
import dev.cutover.model.Status;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class ConfluentWireFormatTest {
    private static final int V1_ID = 11;
    private static final int V2_ID = 12;
    private static final WriterSchemas KNOWN =
            id ->
                    switch (id) {
                        case V1_ID -> Optional.of(CardTransactionSchemas.V1.schema());
                        case V2_ID -> Optional.of(CardTransactionSchemas.V2.schema());
                        default -> Optional.empty();
                    };

    private final ConfluentAvroDecoder<GenericRecord> v2Reader =
            ConfluentAvroDecoder.generic(CardTransactionSchemas.V2.schema(), KNOWN);

    @Test
    void headerIsMagicByteThenBigEndianSchemaId() throws DecodeException {
        byte[] value =
                ConfluentWireFormat.encode(
                        0x01020304, SampleEvents.v2().getSchema(), SampleEvents.v2());

        assertThat(Arrays.copyOf(value, 5)).containsExactly(0, 1, 2, 3, 4);
        assertThat(ConfluentWireFormat.schemaId(value)).isEqualTo(0x01020304);
    }

    @Test
    void everyFieldTypeRoundTrips() throws DecodeException {
        GenericRecord sent = SampleEvents.v2();

        GenericRecord received =
                v2Reader.decode(ConfluentWireFormat.encode(V2_ID, sent.getSchema(), sent));

        assertThat(received.get("transaction_id").toString())
                .isEqualTo("5f0c6a4e-8b0a-4c1e-9d55-2b1f3b0c9a11");
        assertThat(received.get("account_id").toString()).isEqualTo("acct-00017");
        assertThat(received.get("card_number").toString()).isEqualTo("4000056655665556");
        GenericRecord merchant = (GenericRecord) received.get("merchant");
        assertThat(merchant.get("id").toString()).isEqualTo("m-001");
        assertThat(merchant.get("name").toString()).isEqualTo("Blue Bottle Café");
        assertThat(merchant.get("mcc").toString()).isEqualTo("5814");
        assertThat(merchant.get("country").toString()).isEqualTo("FR");
        assertThat(received.get("amount")).isEqualTo(new BigDecimal("1234.56"));
        assertThat(received.get("currency").toString()).isEqualTo("EUR");
        assertThat(received.get("event_time")).isEqualTo(SampleEvents.EVENT_TIME);
        assertThat(received.get("status").toString()).isEqualTo("DECLINED");
        assertThat(received.get("channel").toString()).isEqualTo("ECOM");
        assertThat(stringMap(received.get("attributes")))
                .isEqualTo(Map.of("entry_mode", "chip", "3ds", "true"));
        assertThat(received.get("device_id").toString()).isEqualTo("dev-42");
        assertThat(received.get("fx_rate_hint")).isEqualTo(new BigDecimal("1.08500000"));
    }

    @Test
    void nullUnionBranchesRoundTrip() throws DecodeException {
        GenericRecord sent = SampleEvents.v2();
        sent.put("channel", null);
        sent.put("device_id", null);
        sent.put("fx_rate_hint", null);
        sent.put("attributes", Map.of());

        GenericRecord received =
                v2Reader.decode(ConfluentWireFormat.encode(V2_ID, sent.getSchema(), sent));

        assertThat(received.get("channel")).isNull();
        assertThat(received.get("device_id")).isNull();
        assertThat(received.get("fx_rate_hint")).isNull();
        assertThat(stringMap(received.get("attributes"))).isEmpty();
    }

    @Test
    void generatedClassRoundTripsWithItsOwnLogicalTypes() throws DecodeException {
        CardTransaction sent =
                CardTransaction.newBuilder()
                        .setTransactionId(UUID.fromString("5f0c6a4e-8b0a-4c1e-9d55-2b1f3b0c9a11"))
                        .setAccountId("acct-1")
                        .setCardNumber("4000056655665556")
                        .setMerchant(new Merchant("m-1", "Corner Shop", "5411", "US"))
                        .setAmount(new BigDecimal("19.99"))
                        .setCurrency(Currency.USD)
                        .setEventTime(SampleEvents.EVENT_TIME)
                        .setStatus(Status.APPROVED)
                        .setChannel(Channel.POS)
                        .setAttributes(Map.of("k", "v"))
                        .setDeviceId(null)
                        .setFxRateHint(new BigDecimal("1.00000000"))
                        .build();
        ConfluentAvroDecoder<CardTransaction> reader =
                ConfluentAvroDecoder.specific(CardTransaction.getClassSchema(), KNOWN);

        CardTransaction received =
                reader.decode(
                        ConfluentWireFormat.encode(V2_ID, CardTransaction.getClassSchema(), sent));

        assertThat(received).isEqualTo(sent);
    }

    @Test
    void generatedClassCanBeWrittenAsV1() throws DecodeException {
        CardTransaction v2Object =
                CardTransaction.newBuilder()
                        .setTransactionId(UUID.randomUUID())
                        .setAccountId("acct-2")
                        .setCardNumber("4000056655665556")
                        .setMerchant(new Merchant("m-2", "Hotel", "3501", "GB"))
                        .setAmount(new BigDecimal("250.00"))
                        .setCurrency(Currency.GBP)
                        .setEventTime(SampleEvents.EVENT_TIME)
                        .setStatus(Status.REVERSED)
                        .setAttributes(Map.of())
                        .setDeviceId("d-9")
                        .build();

        byte[] value =
                ConfluentWireFormat.encode(V1_ID, CardTransactionSchemas.V1.schema(), v2Object);
        GenericRecord received = v2Reader.decode(value);

        assertThat(received.get("account_id").toString()).isEqualTo("acct-2");
        assertThat(received.get("amount")).isEqualTo(new BigDecimal("250.00"));
        assertThat(received.get("device_id"))
                .as("v1 has no device_id: the v2 default applies")
                .isNull();
    }

    @Test
    void nullOrEmptyValueIsEmpty() {
        assertFailure(null, DecodeFailure.EMPTY);
        assertFailure(new byte[0], DecodeFailure.EMPTY);
    }

    @Test
    void headerShorterThanFiveBytesIsTooShort() {
        assertFailure(new byte[] {0, 0, 0}, DecodeFailure.TOO_SHORT);
    }

    @Test
    void firstByteOtherThanZeroIsBadMagicByte() {
        byte[] value = encodedV2();
        value[0] = 0x7b; // '{' — a JSON producer writing to the wrong topic
        assertThatThrownBy(() -> v2Reader.decode(value))
                .isInstanceOfSatisfying(
                        DecodeException.class,
                        e -> assertThat(e.failure()).isEqualTo(DecodeFailure.BAD_MAGIC_BYTE))
                .hasMessageContaining("0x7b");
    }

    @Test
    void idTheRegistryDoesNotKnowIsUnknownSchemaId() {
        byte[] value = encodedV2();
        ByteBuffer.wrap(value).putInt(1, 999_999);
        assertThatThrownBy(() -> v2Reader.decode(value))
                .isInstanceOfSatisfying(
                        DecodeException.class,
                        e -> assertThat(e.failure()).isEqualTo(DecodeFailure.UNKNOWN_SCHEMA_ID))
                .hasMessageContaining("999999");
    }

    @Test
    void bodyCutShortIsTruncated() {
        byte[] whole = encodedV2();
        for (int keep : new int[] {5, 6, whole.length / 2, whole.length - 1}) {
            assertFailure(Arrays.copyOf(whole, keep), DecodeFailure.TRUNCATED_BODY);
        }
    }

    @Test
    void bytesThatAreNoEncodingOfTheWriterAreCorrupt() {
        byte[] value = encodedV2();
        // The body starts with the transaction_id string length, a zig-zag varint: 0x01 is -1.
        value[5] = 0x01;
        assertFailure(value, DecodeFailure.CORRUPT_BODY);
    }

    @Test
    void trailingBytesAfterTheRecordAreCorrupt() {
        byte[] whole = encodedV2();
        byte[] longer = Arrays.copyOf(whole, whole.length + 3);
        assertFailure(longer, DecodeFailure.CORRUPT_BODY);
    }

    @Test
    void writerThatCannotBeResolvedToTheReaderIsAResolutionFailure() {
        Schema unrelated =
                SchemaBuilder.record("CardTransaction")
                        .namespace("dev.cutover.model")
                        .fields()
                        .requiredInt("transaction_id")
                        .endRecord();
        GenericRecord record = new GenericData.Record(unrelated);
        record.put("transaction_id", 42);
        ConfluentAvroDecoder<GenericRecord> reader =
                ConfluentAvroDecoder.generic(
                        CardTransactionSchemas.V2.schema(), id -> Optional.of(unrelated));

        assertThatThrownBy(() -> reader.decode(ConfluentWireFormat.encode(5, unrelated, record)))
                .isInstanceOfSatisfying(
                        DecodeException.class,
                        e -> assertThat(e.failure()).isEqualTo(DecodeFailure.SCHEMA_RESOLUTION))
                .hasMessageContaining("schema id 5");
    }

    @Test
    void failureCodesAreStableForDeadLetterTables() {
        assertThat(Arrays.stream(DecodeFailure.values()).map(DecodeFailure::code))
                .containsExactly(
                        "empty",
                        "too-short",
                        "bad-magic-byte",
                        "unknown-schema-id",
                        "truncated-body",
                        "corrupt-body",
                        "schema-resolution");
    }

    private void assertFailure(byte[] value, DecodeFailure expected) {
        assertThatThrownBy(() -> v2Reader.decode(value))
                .isInstanceOfSatisfying(
                        DecodeException.class, e -> assertThat(e.failure()).isEqualTo(expected))
                .hasMessageStartingWith(expected.code() + ": ");
    }

    private static byte[] encodedV2() {
        GenericRecord record = SampleEvents.v2();
        return ConfluentWireFormat.encode(V2_ID, record.getSchema(), record);
    }

    private static Map<String, String> stringMap(Object avroMap) {
        Map<String, String> out = new java.util.HashMap<>();
        ((Map<?, ?>) avroMap).forEach((k, v) -> out.put(k.toString(), v.toString()));
        return out;
    }
}

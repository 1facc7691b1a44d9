package dev.cutover.stream.functions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.model.CardTransactionSchemas;
import dev.cutover.stream.TestEvents;
import dev.cutover.stream.TestEvents.Event;
import dev.cutover.stream.io.KafkaRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.flink.api.common.functions.DefaultOpenContext;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.types.Row;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DecodeFunctionTest {
    private static final int V1_ID = 1;
    private static final int V2_ID = 2;
    private static final int INCOMPATIBLE_ID = 3;
    private static final String INCOMPATIBLE =
            "{\"type\":\"record\",\"name\":\"CardTransaction\",\"namespace\":\"dev.cutover.model\","
                    + "\"fields\":[{\"name\":\"transaction_id\",\"type\":\"int\"}]}";

    private final List<Row> rows = new ArrayList<>();
    private final List<Row> deadLetters = new ArrayList<>();
    private DecodeFunction function;

    @BeforeEach
    void open() throws Exception {
        function =
                new DecodeFunction(
                        () ->
                                id ->
                                        switch (id) {
                                            case V1_ID ->
                                                    Optional.of(CardTransactionSchemas.V1.schema());
                                            case V2_ID ->
                                                    Optional.of(CardTransactionSchemas.V2.schema());
                                            case INCOMPATIBLE_ID ->
                                                    Optional.of(
                                                            new Schema.Parser()
                                                                    .parse(INCOMPATIBLE));
                                            default -> Optional.empty();
                                        });
        function.open(DefaultOpenContext.INSTANCE);
    }

    private static Event full() {
        return new Event(
                "5f0c6a4e-8b0a-4c1e-9d55-2b1f3b0c9a11",
                "acct-00017",
                "4000056655665556",
                "5814",
                "FR",
                new BigDecimal("1234.56"),
                "EUR",
                Instant.parse("2026-11-23T10:15:30.123Z"),
                "DECLINED",
                "ECOM",
                Map.of("entry_mode", "chip", "3ds", "true"),
                "dev-42",
                new BigDecimal("1.08500000"));
    }

    @Test
    void decodesEveryFieldOfAV2Record() {
        process(
                new KafkaRecord(
                        "t",
                        3,
                        42L,
                        1_700_000_000_123L,
                        TestEvents.encode(V2_ID, full(), CardTransactionSchemas.V2)));

        assertThat(deadLetters).isEmpty();
        assertThat(rows).hasSize(1);
        Row row = rows.get(0);
        assertThat(Arrays.asList(TransactionRows.NAMES)).hasSize(row.getArity());
        assertThat(row.getField(0)).isEqualTo("5f0c6a4e-8b0a-4c1e-9d55-2b1f3b0c9a11");
        assertThat(row.getField(1)).isEqualTo("acct-00017");
        assertThat(row.getField(2)).isEqualTo("4000056655665556");
        assertThat(row.getField(3)).isEqualTo("m-5814");
        assertThat(row.getField(4)).isEqualTo("Merchant 5814");
        assertThat(row.getField(5)).isEqualTo("5814");
        assertThat(row.getField(6)).isEqualTo("FR");
        assertThat(row.getField(7)).isEqualTo(new BigDecimal("1234.56"));
        assertThat(row.getField(8)).isEqualTo("EUR");
        assertThat(row.getField(9)).isEqualTo(Instant.parse("2026-11-23T10:15:30.123Z"));
        assertThat(row.getField(10)).isEqualTo("DECLINED");
        assertThat(row.getField(11)).isEqualTo("ECOM");
        assertThat(row.getField(12)).isEqualTo(Map.of("entry_mode", "chip", "3ds", "true"));
        assertThat(row.getField(13)).isEqualTo("dev-42");
        assertThat(row.getField(14)).isEqualTo(new BigDecimal("1.08500000"));
        assertThat(row.getField(15)).isEqualTo(V2_ID);
        assertThat(row.getField(16)).isEqualTo("t");
        assertThat(row.getField(17)).isEqualTo(3);
        assertThat(row.getField(18)).isEqualTo(42L);
        assertThat(row.getField(19)).isEqualTo(Instant.ofEpochMilli(1_700_000_000_123L));
    }

    @Test
    void decodesAV1RecordWithTheV2DefaultsInTheSameRun() {
        Event event =
                new Event(
                        "a",
                        "acct-1",
                        "4000056655665556",
                        "3001",
                        "US",
                        new BigDecimal("0.01"),
                        "JPY",
                        Instant.parse("2026-11-23T10:00:00Z"),
                        "APPROVED",
                        null,
                        Map.of(),
                        null,
                        null);
        process(record(0, TestEvents.encode(V1_ID, event, CardTransactionSchemas.V1)));
        process(record(1, TestEvents.encode(V2_ID, full(), CardTransactionSchemas.V2)));

        assertThat(deadLetters).isEmpty();
        assertThat(rows).hasSize(2);
        Row v1 = rows.get(0);
        assertThat(v1.getField(7)).isEqualTo(new BigDecimal("0.01"));
        assertThat(v1.getField(11)).isNull();
        assertThat(v1.getField(12)).isEqualTo(Map.of());
        assertThat(v1.getField(13)).isNull();
        assertThat(v1.getField(14)).isNull();
        assertThat(v1.getField(15)).isEqualTo(V1_ID);
    }

    @Test
    void sendsEveryPoisonKindToTheDeadLetters() {
        byte[] good = TestEvents.encode(V2_ID, full(), CardTransactionSchemas.V2);
        byte[] unknownId = good.clone();
        unknownId[4] = 99;
        byte[] badMagic = good.clone();
        badMagic[0] = 7;
        byte[] incompatible = good.clone();
        incompatible[4] = INCOMPATIBLE_ID;
        byte[] trailing = Arrays.copyOf(good, good.length + 3);
        Map<String, byte[]> poison = new java.util.LinkedHashMap<>();
        poison.put("empty", new byte[0]);
        poison.put("too-short", new byte[] {0, 0, 1});
        poison.put("bad-magic-byte", badMagic);
        poison.put("unknown-schema-id", unknownId);
        poison.put("truncated-body", Arrays.copyOf(good, 20));
        poison.put("corrupt-body", trailing);
        poison.put("schema-resolution", incompatible);

        long offset = 0;
        for (byte[] value : poison.values()) {
            process(record(offset++, value));
        }
        process(record(offset, null));

        assertThat(rows).isEmpty();
        List<String> expectedReasons = new ArrayList<>(poison.keySet());
        expectedReasons.add("empty");
        assertThat(deadLetters.stream().map(r -> (String) r.getField(4)))
                .containsExactlyElementsOf(expectedReasons);
        Row first = deadLetters.get(2);
        assertThat(first.getField(0)).isEqualTo("t");
        assertThat(first.getField(1)).isEqualTo(1);
        assertThat(first.getField(2)).isEqualTo(2L);
        assertThat(first.getField(3)).isEqualTo(Instant.ofEpochMilli(1000));
        assertThat((String) first.getField(5)).contains("0x07");
        assertThat(Base64.getDecoder().decode((String) first.getField(6))).isEqualTo(badMagic);
        assertThat(deadLetters.get(deadLetters.size() - 1).getField(6)).isNull();
    }

    private static KafkaRecord record(long offset, byte[] value) {
        return new KafkaRecord("t", 1, offset, 1000, value);
    }

    private void process(KafkaRecord record) {
        function.processElement(record, context(), collector(rows));
    }

    private static Collector<Row> collector(List<Row> into) {
        return new Collector<>() {
            @Override
            public void collect(Row record) {
                into.add(record);
            }

            @Override
            public void close() {}
        };
    }

    private DecodeFunction.Context context() {
        return function.new Context() {
            @Override
            public Long timestamp() {
                return null;
            }

            @Override
            public TimerService timerService() {
                throw new UnsupportedOperationException();
            }

            @Override
            public <X> void output(OutputTag<X> outputTag, X value) {
                assertThat(outputTag).isEqualTo(DecodeFunction.DEAD_LETTERS);
                deadLetters.add((Row) value);
            }
        };
    }
}

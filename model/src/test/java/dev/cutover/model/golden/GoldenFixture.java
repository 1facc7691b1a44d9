package dev.cutover.model.golden;

import dev.cutover.model.CardTransaction;
import dev.cutover.model.CardTransactionSchemas;
import dev.cutover.model.Channel;
import dev.cutover.model.Currency;
import dev.cutover.model.Merchant;
import dev.cutover.model.Status;
import dev.cutover.model.wire.ConfluentWireFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * The golden fixture ({@code src/test/resources/golden}, described in its README): the records of
 * {@code events.csv} in send order, and the rows every pipeline must write for them, written by
 * hand in {@code expected/*.csv}. Times in the files are relative to hour {@code H0}, which the
 * test chooses (a whole UTC hour in the past), so nothing pins a calendar date.
 *
 * <p>Shared by the engines' tests through this module's test jar: the Flink job and the Spark batch
 * through Kafka into PostgreSQL, the ground truth directly. Nothing here applies a business rule:
 * the expected rows are the files' values, only their times resolved.
 */
public final class GoldenFixture {
    /** The topic's partitions. */
    public static final int PARTITIONS = 3;

    /** The hours the batch runs for, relative to H0. */
    public static final List<Integer> BATCH_HOURS = List.of(0, 1, 2);

    /** The batch's grace: its hour H keeps records stamped before H + 1 h + grace. */
    public static final Duration GRACE = Duration.ofMinutes(10);

    private static final Pattern TIME =
            Pattern.compile("H(\\d+)([+-])(\\d{2}):(\\d{2})\\.(\\d{3})");

    private final Instant h0;
    private final List<Sent> records;
    private final List<Transaction> transactions;
    private final List<HourlySpend> streamHourly;
    private final List<HourlySpend> batchHourly;
    private final List<DeadLetterTemplate> deadLetters;
    private final List<String> batchTransactionIds;

    /** How a line of events.csv becomes a Kafka value. */
    public enum Kind {
        V1,
        V2,
        /** the value is {@code value_hex} as is */
        RAW,
        /** a null value */
        TOMBSTONE
    }

    /** One card transaction as written in events.csv. */
    public record Event(
            UUID transactionId,
            String accountId,
            String cardNumber,
            String mcc,
            String merchantCountry,
            BigDecimal amount,
            String currency,
            Instant eventTime,
            String status,
            String channel,
            String deviceId,
            BigDecimal fxRateHint) {}

    /**
     * One record of events.csv.
     *
     * @param line the line in events.csv (1-based), for messages
     * @param offset its place among the earlier records of its partition: its offset in a topic
     *     that was empty
     * @param event the event for {@link Kind#V1} / {@link Kind#V2}, else null
     * @param valueHex for {@link Kind#RAW} the value, for V1/V2 bytes appended after the record
     */
    public record Sent(
            int line,
            int partition,
            long offset,
            Instant kafkaTimestamp,
            Kind kind,
            Event event,
            String valueHex) {

        /** Whether the pipelines must refuse it (a dead letter) rather than decode it. */
        public boolean poison() {
            return kind == Kind.RAW || kind == Kind.TOMBSTONE || !valueHex.isEmpty();
        }

        public CardTransactionSchemas version() {
            return kind == Kind.V1 ? CardTransactionSchemas.V1 : CardTransactionSchemas.V2;
        }
    }

    /** A card_transactions row (without written_at). */
    public record Transaction(
            String transactionId,
            String accountId,
            Instant eventTime,
            Instant eventHour,
            BigDecimal amount,
            String currency,
            BigDecimal amountUsd,
            String merchantCategory,
            String status,
            boolean international,
            String maskedCard,
            Instant kafkaTimestamp) {}

    /** An account_hourly_spend row (without written_at). */
    public record HourlySpend(
            String accountId,
            Instant hourStart,
            long txnCount,
            BigDecimal approvedAmountUsd,
            long declinedCount,
            long internationalCount,
            BigDecimal maxAmountUsd) {}

    /**
     * A dead_letters row without its topic (the test's) and seen_at.
     *
     * @param rawHex the value as lower-case hex; null for a null value
     */
    public record DeadLetter(
            int partition,
            long offset,
            Instant kafkaTimestamp,
            String reason,
            String detail,
            String rawHex) {}

    /** The registry ids the fixture's schema versions got ({v1}, {v2} in the files). */
    public record SchemaIds(int v1, int v2) {
        int of(CardTransactionSchemas version) {
            return version == CardTransactionSchemas.V1 ? v1 : v2;
        }
    }

    /** The three tables as a pipeline wrote them, or as a pipeline must write them. */
    public record Tables(
            List<Transaction> transactions,
            List<HourlySpend> hourlySpend,
            List<DeadLetter> deadLetters) {

        /** The same rows, each table in key order, so two sets of rows compare as lists. */
        public Tables sorted() {
            return new Tables(
                    transactions.stream()
                            .sorted(Comparator.comparing(Transaction::transactionId))
                            .toList(),
                    hourlySpend.stream()
                            .sorted(
                                    Comparator.comparing(HourlySpend::accountId)
                                            .thenComparing(HourlySpend::hourStart))
                            .toList(),
                    deadLetters.stream()
                            .sorted(
                                    Comparator.comparingInt(DeadLetter::partition)
                                            .thenComparingLong(DeadLetter::offset))
                            .toList());
        }
    }

    private GoldenFixture(Instant h0) {
        this.h0 = h0;
        this.records = readEvents();
        List<Map<String, String>> rows = Csv.read("expected/card_transactions.csv");
        this.transactions = new ArrayList<>();
        this.streamHourly = hourly(Csv.read("expected/account_hourly_spend.stream.csv"));
        this.batchHourly = hourly(Csv.read("expected/account_hourly_spend.batch.csv"));
        this.deadLetters = new ArrayList<>();
        this.batchTransactionIds = new ArrayList<>();
        for (Map<String, String> r : rows) {
            Transaction t =
                    new Transaction(
                            r.get("transaction_id"),
                            r.get("account_id"),
                            time(r.get("event_time")),
                            time(r.get("event_hour")),
                            new BigDecimal(r.get("amount")),
                            r.get("currency"),
                            new BigDecimal(r.get("amount_usd")),
                            r.get("merchant_category"),
                            r.get("status"),
                            bool(r.get("is_international")),
                            r.get("masked_card"),
                            time(r.get("kafka_timestamp")));
            transactions.add(t);
            if (bool(r.get("in_batch"))) {
                batchTransactionIds.add(t.transactionId());
            }
        }
        for (Map<String, String> r : Csv.read("expected/dead_letters.csv")) {
            deadLetters.add(
                    new DeadLetterTemplate(
                            new DeadLetter(
                                    Integer.parseInt(r.get("kafka_partition")),
                                    Long.parseLong(r.get("kafka_offset")),
                                    time(r.get("kafka_timestamp")),
                                    r.get("reason"),
                                    r.get("detail"),
                                    r.get("raw_hex")),
                            bool(r.get("in_batch"))));
        }
    }

    /** The fixture with {@code H0} = {@code h0} (a whole UTC hour). */
    public static GoldenFixture load(Instant h0) {
        if (!h0.equals(h0.truncatedTo(java.time.temporal.ChronoUnit.HOURS))) {
            throw new IllegalArgumentException("H0 must be a whole hour, not " + h0);
        }
        return new GoldenFixture(h0);
    }

    public Instant h0() {
        return h0;
    }

    /** Hour {@code n} of the fixture. */
    public Instant hour(int n) {
        return h0.plus(Duration.ofHours(n));
    }

    /** Every record, in send order. */
    public List<Sent> records() {
        return records;
    }

    /** What the stream and the ground truth must write (the test's topic is not a column here). */
    public Tables stream(SchemaIds ids) {
        return new Tables(
                        transactions,
                        streamHourly,
                        deadLetters.stream().map(d -> resolve(d.row(), ids)).toList())
                .sorted();
    }

    /** What the batch must write after running for {@link #BATCH_HOURS}. */
    public Tables batch(SchemaIds ids) {
        return new Tables(
                        transactions.stream()
                                .filter(t -> batchTransactionIds.contains(t.transactionId()))
                                .toList(),
                        batchHourly,
                        deadLetters.stream()
                                .filter(DeadLetterTemplate::inBatch)
                                .map(d -> resolve(d.row(), ids))
                                .toList())
                .sorted();
    }

    /** The Kafka value of a record: null for a tombstone. */
    public byte[] value(Sent record, SchemaIds ids) {
        return switch (record.kind()) {
            case TOMBSTONE -> null;
            case RAW -> hex(record.valueHex(), ids);
            case V1, V2 -> {
                byte[] encoded =
                        ConfluentWireFormat.encode(
                                ids.of(record.version()),
                                record.version().schema(),
                                genericRecord(record.event(), record.version()));
                byte[] extra = hex(record.valueHex(), ids);
                byte[] value = Arrays.copyOf(encoded, encoded.length + extra.length);
                System.arraycopy(extra, 0, value, encoded.length, extra.length);
                yield value;
            }
        };
    }

    /** The Kafka key of a record: its account id, or none. */
    public static byte[] key(Sent record) {
        return record.event() == null
                ? null
                : record.event().accountId().getBytes(StandardCharsets.UTF_8);
    }

    /** The event as the generated class the ground truth takes. */
    public static CardTransaction cardTransaction(Event e) {
        return CardTransaction.newBuilder()
                .setTransactionId(e.transactionId())
                .setAccountId(e.accountId())
                .setCardNumber(e.cardNumber())
                .setMerchant(
                        Merchant.newBuilder()
                                .setId("m-" + e.mcc())
                                .setName("Merchant " + e.mcc())
                                .setMcc(e.mcc())
                                .setCountry(e.merchantCountry())
                                .build())
                .setAmount(e.amount())
                .setCurrency(Currency.valueOf(e.currency()))
                .setEventTime(e.eventTime())
                .setStatus(Status.valueOf(e.status()))
                .setChannel(e.channel() == null ? null : Channel.valueOf(e.channel()))
                .setAttributes(Map.of())
                .setDeviceId(e.deviceId())
                .setFxRateHint(e.fxRateHint())
                .build();
    }

    /** The event as a generic record of {@code version}'s schema (v1 leaves out the v2 fields). */
    public static GenericRecord genericRecord(Event e, CardTransactionSchemas version) {
        Schema schema = version.schema();
        GenericRecord record = new GenericData.Record(schema);
        GenericRecord merchant = new GenericData.Record(schema.getField("merchant").schema());
        merchant.put("id", "m-" + e.mcc());
        merchant.put("name", "Merchant " + e.mcc());
        merchant.put("mcc", e.mcc());
        merchant.put("country", e.merchantCountry());
        record.put("transaction_id", e.transactionId().toString());
        record.put("account_id", e.accountId());
        record.put("card_number", e.cardNumber());
        record.put("merchant", merchant);
        record.put("amount", e.amount());
        record.put("currency", symbol(schema.getField("currency").schema(), e.currency()));
        record.put("event_time", e.eventTime());
        record.put("status", symbol(schema.getField("status").schema(), e.status()));
        if (e.channel() != null) {
            Schema channel = schema.getField("channel").schema().getTypes().get(1);
            record.put("channel", symbol(channel, e.channel()));
        }
        record.put("attributes", Map.of());
        if (version == CardTransactionSchemas.V2) {
            record.put("device_id", e.deviceId());
            record.put("fx_rate_hint", e.fxRateHint());
        } else if (e.deviceId() != null || e.fxRateHint() != null) {
            throw new IllegalArgumentException(
                    "a v1 event has no device_id or fx_rate_hint: " + e.transactionId());
        }
        return record;
    }

    /** Lower-case hex of {@code bytes}; null for null. */
    public static String hex(byte[] bytes) {
        return bytes == null ? null : HexFormat.of().formatHex(bytes);
    }

    private DeadLetter resolve(DeadLetter template, SchemaIds ids) {
        String raw = template.rawHex();
        if (raw.equals("NULL")) {
            raw = null;
        } else if (raw.equals("{sent}")) {
            raw = hex(value(at(template.partition(), template.offset()), ids));
        } else {
            raw = hex(hex(raw, ids));
        }
        return new DeadLetter(
                template.partition(),
                template.offset(),
                template.kafkaTimestamp(),
                template.reason(),
                ids(template.detail(), ids),
                raw);
    }

    private Sent at(int partition, long offset) {
        return records.stream()
                .filter(r -> r.partition() == partition && r.offset() == offset)
                .findFirst()
                .orElseThrow(
                        () ->
                                new IllegalStateException(
                                        "dead_letters.csv: no record at partition "
                                                + partition
                                                + " offset "
                                                + offset));
    }

    private static String ids(String text, SchemaIds ids) {
        return text.replace("{v1}", Integer.toString(ids.v1()))
                .replace("{v2}", Integer.toString(ids.v2()));
    }

    private static byte[] hex(String template, SchemaIds ids) {
        String hex =
                template.replace("{v1}", HexFormat.of().formatHex(int4(ids.v1())))
                        .replace("{v2}", HexFormat.of().formatHex(int4(ids.v2())));
        return HexFormat.of().parseHex(hex);
    }

    private static byte[] int4(int value) {
        return ByteBuffer.allocate(4).putInt(value).array();
    }

    private List<Sent> readEvents() {
        List<Sent> sent = new ArrayList<>();
        Map<Integer, Long> nextOffset = new HashMap<>();
        for (Map<String, String> r : Csv.read("events.csv")) {
            int partition = Integer.parseInt(r.get("partition"));
            if (partition < 0 || partition >= PARTITIONS) {
                throw new IllegalArgumentException(
                        "events.csv line " + r.get(Csv.LINE) + ": no partition " + partition);
            }
            Kind kind = Kind.valueOf(r.get("kind").toUpperCase(java.util.Locale.ROOT));
            Event event = kind == Kind.V1 || kind == Kind.V2 ? event(r) : null;
            long offset = nextOffset.merge(partition, 1L, Long::sum) - 1;
            sent.add(
                    new Sent(
                            Integer.parseInt(r.get(Csv.LINE)),
                            partition,
                            offset,
                            time(r.get("kafka_time")),
                            kind,
                            event,
                            r.get("value_hex")));
        }
        return List.copyOf(sent);
    }

    private Event event(Map<String, String> r) {
        return new Event(
                UUID.fromString(r.get("transaction_id")),
                r.get("account_id"),
                r.get("card_number"),
                r.get("mcc"),
                r.get("merchant_country"),
                new BigDecimal(r.get("amount")),
                r.get("currency"),
                time(r.get("event_time")),
                r.get("status"),
                nullIfEmpty(r.get("channel")),
                nullIfEmpty(r.get("device_id")),
                r.get("fx_rate_hint").isEmpty() ? null : new BigDecimal(r.get("fx_rate_hint")));
    }

    private List<HourlySpend> hourly(List<Map<String, String>> rows) {
        return rows.stream()
                .map(
                        r ->
                                new HourlySpend(
                                        r.get("account_id"),
                                        time(r.get("hour_start")),
                                        Long.parseLong(r.get("txn_count")),
                                        new BigDecimal(r.get("approved_amount_usd")),
                                        Long.parseLong(r.get("declined_count")),
                                        Long.parseLong(r.get("international_count")),
                                        new BigDecimal(r.get("max_amount_usd"))))
                .toList();
    }

    /** {@code Hn+MM:SS.mmm} or {@code Hn-MM:SS.mmm} relative to {@link #h0}. */
    Instant time(String text) {
        Matcher m = TIME.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a fixture time (Hn+MM:SS.mmm): '" + text + "'");
        }
        Duration within =
                Duration.ofMinutes(Long.parseLong(m.group(3)))
                        .plusSeconds(Long.parseLong(m.group(4)))
                        .plusMillis(Long.parseLong(m.group(5)));
        Instant hour = hour(Integer.parseInt(m.group(1)));
        return m.group(2).equals("+") ? hour.plus(within) : hour.minus(within);
    }

    private static boolean bool(String text) {
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("not true/false: '" + text + "'");
        };
    }

    private static String nullIfEmpty(String text) {
        return text.isEmpty() ? null : text;
    }

    private static GenericData.EnumSymbol symbol(Schema schema, String value) {
        return new GenericData.EnumSymbol(schema, value);
    }

    /** An expected dead letter as written, before ids and bytes are filled in. */
    private record DeadLetterTemplate(DeadLetter row, boolean inBatch) {}

    /**
     * The fixture's CSV dialect: {@code #} starts a comment line, the first other line names the
     * columns, fields are separated by commas and may be double-quoted (to hold a comma).
     */
    static final class Csv {
        /** The pseudo-column holding a row's line number. */
        static final String LINE = "#line";

        private Csv() {}

        static List<Map<String, String>> read(String name) {
            String resource = "/golden/" + name;
            String text;
            try (InputStream in = GoldenFixture.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + resource);
                }
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            List<Map<String, String>> rows = new ArrayList<>();
            List<String> header = null;
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                List<String> fields = fields(line);
                if (header == null) {
                    header = fields;
                    continue;
                }
                if (fields.size() != header.size()) {
                    throw new IllegalArgumentException(
                            name
                                    + " line "
                                    + (i + 1)
                                    + ": "
                                    + fields.size()
                                    + " fields, the header has "
                                    + header.size());
                }
                Map<String, String> row = new HashMap<>();
                for (int f = 0; f < fields.size(); f++) {
                    row.put(header.get(f), fields.get(f));
                }
                row.put(LINE, Integer.toString(i + 1));
                rows.add(row);
            }
            return rows;
        }

        static List<String> fields(String line) {
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            for (char c : line.toCharArray()) {
                if (c == '"') {
                    quoted = !quoted;
                } else if (c == ',' && !quoted) {
                    fields.add(field.toString());
                    field.setLength(0);
                } else {
                    field.append(c);
                }
            }
            fields.add(field.toString());
            return fields;
        }
    }
}

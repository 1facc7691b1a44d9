package dev.cutover.loadgen.generate;

import dev.cutover.loadgen.config.FaultOptions;
import dev.cutover.loadgen.config.GeneratorOptions;
import dev.cutover.model.CardTransaction;
import dev.cutover.model.CardTransactionSchemas;
import dev.cutover.model.Channel;
import dev.cutover.model.Currency;
import dev.cutover.model.Merchant;
import dev.cutover.model.Status;
import dev.cutover.model.rules.FxRates;
import dev.cutover.model.wire.ConfluentAvroDecoder;
import dev.cutover.model.wire.ConfluentWireFormat;
import dev.cutover.model.wire.DecodeException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;

/**
 * Generates record {@code i} of a run as a pure function of (seed, {@code i}) and the options: the
 * same inputs give the same key and value bytes whatever the thread or order. Each position draws
 * from its own random streams (one for its kind, one for its transaction, one for its corruption),
 * so a duplicate can regenerate the transaction it repeats.
 *
 * <p>Not thread-safe (it reuses Avro writers): give each thread its own {@link #copy()}.
 */
public final class EventGenerator {
    static final long PURPOSE_KIND = 1;
    static final long PURPOSE_EVENT = 2;
    static final long PURPOSE_POISON = 3;

    /** How far back a duplicate may reach: most repeat a recent record, some a much older one. */
    static final int NEAR_DUPLICATE = 100;

    static final int FAR_DUPLICATE = 50_000;
    private static final int MAX_DUPLICATE_WALK = 10_000;
    private static final int UNKNOWN_ID_BASE = 2_000_000_000;

    private final GeneratorOptions options;
    private final SchemaIds ids;
    private final Zipf accounts;
    private final long startMillis;
    private final double intervalMillis;
    private final double poisonUpTo;
    private final double duplicateUpTo;
    private final double lateUpTo;
    private final double outOfOrderUpTo;
    private final DatumWriter<CardTransaction> v1Writer;
    private final DatumWriter<CardTransaction> v2Writer;
    private final ConfluentAvroDecoder<GenericRecord> localDecoder;
    private final AccountCache accountIds;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(512);
    private BinaryEncoder encoder;
    private final AccountCache cardNumbers;

    public EventGenerator(GeneratorOptions options, SchemaIds ids) {
        this(options, ids, new Zipf(options.accounts(), options.skew()));
    }

    private EventGenerator(GeneratorOptions options, SchemaIds ids, Zipf accounts) {
        this.options = options;
        this.ids = ids;
        this.accounts = accounts;
        this.startMillis = options.start().toEpochMilli();
        this.intervalMillis = options.simulatedIntervalMillis();
        FaultOptions f = options.faults();
        this.poisonUpTo = f.poisonFraction();
        this.duplicateUpTo = poisonUpTo + f.duplicateFraction();
        this.lateUpTo = duplicateUpTo + f.lateFraction();
        this.outOfOrderUpTo = lateUpTo + f.outOfOrderFraction();
        this.v1Writer = new CardTransactionWriter(CardTransactionSchemas.V1);
        this.v2Writer = new CardTransactionWriter(CardTransactionSchemas.V2);
        this.accountIds = new AccountCache(options.accounts(), EventGenerator::accountId);
        this.cardNumbers =
                new AccountCache(
                        options.accounts(), a -> CardNumbers.forAccount(options.seed(), a));
        this.localDecoder =
                ConfluentAvroDecoder.generic(
                        CardTransactionSchemas.LATEST.schema(),
                        id ->
                                id == ids.v1()
                                        ? Optional.of(CardTransactionSchemas.V1.schema())
                                        : id == ids.v2()
                                                ? Optional.of(CardTransactionSchemas.V2.schema())
                                                : Optional.empty());
    }

    /** A generator for another thread, sharing the immutable parts. */
    public EventGenerator copy() {
        return new EventGenerator(options, ids, accounts);
    }

    public GeneratorOptions options() {
        return options;
    }

    public Zipf accountDistribution() {
        return accounts;
    }

    /** The simulated arrival time (the Kafka timestamp) of position {@code i}, epoch millis. */
    public long arrivalMillis(long position) {
        return startMillis + (long) Math.floor(position * intervalMillis);
    }

    /** The record at {@code position}. */
    public GeneratedRecord generate(long position) {
        Fault fault = rawFault(position);
        long timestamp = arrivalMillis(position);
        if (fault == Fault.DUPLICATE) {
            long original = duplicateSource(position);
            if (original >= 0) {
                Built source = build(original);
                return new GeneratedRecord(
                        position,
                        RecordKind.DUPLICATE,
                        original,
                        source.version,
                        key(source.transaction),
                        encode(source),
                        timestamp,
                        false,
                        false,
                        null,
                        null,
                        null);
            }
            fault = Fault.NONE;
        }
        Built built = build(position, fault);
        if (fault == Fault.POISON) {
            return poison(position, built, timestamp);
        }
        return new GeneratedRecord(
                position,
                RecordKind.EVENT,
                position,
                built.version,
                key(built.transaction),
                encode(built),
                timestamp,
                fault == Fault.LATE,
                fault == Fault.OUT_OF_ORDER,
                null,
                null,
                null);
    }

    /**
     * The transaction an event or duplicate at {@code sourcePosition} carries (as sent: a v1 event
     * has no v2 fields).
     */
    public CardTransaction transaction(long sourcePosition) {
        return build(sourcePosition).transaction;
    }

    /** Whether the event at {@code sourcePosition} was injected late. */
    public boolean isLateFault(long sourcePosition) {
        return rawFault(sourcePosition) == Fault.LATE;
    }

    /** Whether the event at {@code sourcePosition} was injected out of order. */
    public boolean isOutOfOrderFault(long sourcePosition) {
        return rawFault(sourcePosition) == Fault.OUT_OF_ORDER;
    }

    /** The schema version of the transaction generated at {@code sourcePosition}. */
    public CardTransactionSchemas version(long sourcePosition) {
        return build(sourcePosition).version;
    }

    private Built build(long position) {
        return build(position, rawFault(position));
    }

    private Built build(long position, Fault fault) {
        SplittableRandom r = Seeds.random(options.seed(), position, PURPOSE_EVENT);
        int account = accounts.sample(r);
        Merchants.Profile m = Merchants.pick(r);
        CardTransactionSchemas version =
                r.nextDouble() < options.schemaMix().v2Share()
                        ? CardTransactionSchemas.V2
                        : CardTransactionSchemas.V1;
        UUID id =
                new UUID(
                        (r.nextLong() & ~0xF000L) | 0x4000L, // version 4
                        (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L); // IETF variant
        double usd = m.medianUsd() * Math.exp(m.sigma() * r.nextGaussian());
        usd = Math.max(0.5, Math.min(25_000, usd));
        BigDecimal amount = localAmount(usd, m.currency());
        double s = r.nextDouble();
        Status status = s < 0.92 ? Status.APPROVED : s < 0.98 ? Status.DECLINED : Status.REVERSED;
        Channel channel = channel(m, r);
        long arrival = arrivalMillis(position);
        long lagMillis =
                switch (fault) {
                    case LATE ->
                            r.nextLong(
                                    options.faults().lateDelay().min().toMillis(),
                                    options.faults().lateDelay().max().toMillis() + 1);
                    case OUT_OF_ORDER -> r.nextLong(5_000, 120_001);
                    default -> r.nextLong(0, 2_001);
                };
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("entry_mode", entryMode(channel, r));
        if (channel == Channel.POS) {
            attributes.put("terminal_id", m.id() + "-T" + (1 + r.nextInt(8)));
        }
        String deviceId = null;
        BigDecimal fxHint = null;
        if (version == CardTransactionSchemas.V2) {
            if (channel == Channel.ECOM) {
                deviceId = "dev-" + Long.toHexString(r.nextLong() | 1L << 60);
            }
            if (m.currency() != Currency.USD) {
                fxHint =
                        FxRates.usdPerUnit(m.currency().name())
                                .multiply(BigDecimal.valueOf(99_500 + r.nextInt(1_001), 5))
                                .setScale(8, RoundingMode.HALF_EVEN);
            }
        }
        CardTransaction t = new CardTransaction();
        t.setTransactionId(id);
        t.setAccountId(accountIds.get(account));
        t.setCardNumber(cardNumbers.get(account));
        t.setMerchant(new Merchant(m.id(), m.name(), m.mcc(), m.country()));
        t.setAmount(amount);
        t.setCurrency(m.currency());
        t.setEventTime(Instant.ofEpochMilli(arrival - lagMillis));
        t.setStatus(status);
        t.setChannel(channel);
        t.setAttributes(attributes);
        t.setDeviceId(deviceId);
        t.setFxRateHint(fxHint);
        return new Built(t, version);
    }

    private GeneratedRecord poison(long position, Built built, long timestamp) {
        SplittableRandom r = Seeds.random(options.seed(), position, PURPOSE_POISON);
        PoisonKind kind = PoisonKind.values()[r.nextInt(PoisonKind.values().length)];
        byte[] valid = encode(built);
        byte[] value =
                switch (kind) {
                    case WRONG_MAGIC_BYTE -> {
                        byte[] v = valid.clone();
                        v[0] = (byte) (1 + r.nextInt(255));
                        yield v;
                    }
                    case UNKNOWN_SCHEMA_ID -> {
                        byte[] v = valid.clone();
                        ByteBuffer.wrap(v, 1, 4).putInt(UNKNOWN_ID_BASE + r.nextInt(1_000_000));
                        yield v;
                    }
                    case TRUNCATED_BODY -> {
                        int body = valid.length - ConfluentWireFormat.HEADER_LENGTH;
                        int keep = (int) (body * (0.2 + 0.6 * r.nextDouble()));
                        yield Arrays.copyOf(
                                valid,
                                ConfluentWireFormat.HEADER_LENGTH + Math.min(keep, body - 1));
                    }
                    case RANDOM_BYTES -> {
                        byte[] v = new byte[ConfluentWireFormat.HEADER_LENGTH + 8 + r.nextInt(57)];
                        ByteBuffer.wrap(v, 1, 4).putInt(ids.of(built.version));
                        for (int i = ConfluentWireFormat.HEADER_LENGTH; i < v.length; i++) {
                            v[i] = (byte) r.nextInt(256);
                        }
                        // The first field is a string: an odd first byte below 0x80 is a
                        // negative length, which every Avro reader (generic or specific) rejects
                        // as corrupt before any logical-type conversion could fail differently.
                        v[ConfluentWireFormat.HEADER_LENGTH] = (byte) (1 + 2 * r.nextInt(64));
                        yield v;
                    }
                };
        DecodeException failure = decodeFailure(value);
        if (failure == null) {
            // Random bytes that happen to decode: a trailing byte makes them undecodable.
            value = Arrays.copyOf(value, value.length + 1);
            failure = decodeFailure(value);
            if (failure == null) {
                throw new IllegalStateException("poison value decodes at position " + position);
            }
        }
        return new GeneratedRecord(
                position,
                RecordKind.POISON,
                position,
                built.version,
                key(built.transaction),
                value,
                timestamp,
                false,
                false,
                kind,
                failure.failure().code(),
                failure.getMessage());
    }

    private DecodeException decodeFailure(byte[] value) {
        try {
            localDecoder.decode(value);
            return null;
        } catch (DecodeException e) {
            return e;
        }
    }

    /** The fault drawn for a position, before resolving duplicates. */
    Fault rawFault(long position) {
        double u = Seeds.random(options.seed(), position, PURPOSE_KIND).nextDouble();
        if (u < poisonUpTo) {
            return Fault.POISON;
        }
        if (u < duplicateUpTo) {
            return Fault.DUPLICATE;
        }
        if (u < lateUpTo) {
            return Fault.LATE;
        }
        if (u < outOfOrderUpTo) {
            return Fault.OUT_OF_ORDER;
        }
        return Fault.NONE;
    }

    /** The earlier event a duplicate repeats, or -1 when there is none. */
    private long duplicateSource(long position) {
        SplittableRandom r = Seeds.random(options.seed(), position, PURPOSE_KIND);
        r.nextDouble(); // the fault draw
        long reach =
                r.nextDouble() < 0.7
                        ? Math.min(position, NEAR_DUPLICATE)
                        : Math.min(position, FAR_DUPLICATE);
        if (reach < 1) {
            return -1;
        }
        long candidate = position - 1 - r.nextLong(reach);
        for (int step = 0; candidate >= 0 && step < MAX_DUPLICATE_WALK; step++, candidate--) {
            Fault f = rawFault(candidate);
            if (f != Fault.DUPLICATE && f != Fault.POISON) {
                return candidate;
            }
        }
        return -1;
    }

    /**
     * The Confluent wire format of {@code ConfluentWireFormat.encode}, with this generator's buffer
     * and encoder reused across records (the hot path); the bytes are the same.
     */
    private byte[] encode(Built built) {
        int id = ids.of(built.version);
        buffer.reset();
        buffer.write(ConfluentWireFormat.MAGIC_BYTE);
        buffer.write(id >>> 24);
        buffer.write(id >>> 16);
        buffer.write(id >>> 8);
        buffer.write(id);
        encoder = EncoderFactory.get().directBinaryEncoder(buffer, encoder);
        try {
            (built.version == CardTransactionSchemas.V1 ? v1Writer : v2Writer)
                    .write(built.transaction, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode record", e);
        }
        return buffer.toByteArray();
    }

    private static byte[] key(CardTransaction t) {
        return t.getAccountId().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code acct-00000042}: the account id of a Zipf rank. */
    public static String accountId(int account) {
        String digits = Integer.toString(account);
        return "acct-" + "00000000".substring(digits.length()) + digits;
    }

    private static BigDecimal localAmount(double usd, Currency currency) {
        double local = usd / FxRates.usdPerUnit(currency.name()).doubleValue();
        if (currency == Currency.JPY) {
            return BigDecimal.valueOf(Math.max(1, Math.round(local)) * 100, 2);
        }
        // From the unscaled long: BigDecimal.valueOf(double) formats the double, a hot spot.
        return BigDecimal.valueOf(Math.max(1, Math.round(local * 100)), 2);
    }

    private static Channel channel(Merchants.Profile m, SplittableRandom r) {
        if (m.mcc().equals("6011")) {
            return Channel.ATM;
        }
        double c = r.nextDouble();
        if (m.mcc().equals("5999")) {
            return c < 0.95 ? Channel.ECOM : null;
        }
        return c < 0.80 ? Channel.POS : c < 0.95 ? Channel.ECOM : null;
    }

    private static String entryMode(Channel channel, SplittableRandom r) {
        if (channel == null) {
            return "unknown";
        }
        return switch (channel) {
            case ECOM -> "ecommerce";
            case ATM -> "chip";
            default -> {
                double e = r.nextDouble();
                yield e < 0.55 ? "contactless" : e < 0.9 ? "chip" : e < 0.98 ? "swipe" : "manual";
            }
        };
    }

    enum Fault {
        NONE,
        LATE,
        OUT_OF_ORDER,
        DUPLICATE,
        POISON
    }

    private record Built(CardTransaction transaction, CardTransactionSchemas version) {}
}

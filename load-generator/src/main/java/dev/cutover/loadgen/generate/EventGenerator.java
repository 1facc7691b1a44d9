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
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.avro.generic.GenericRecord;

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
    private static final double[] USD_PER_UNIT =
            Arrays.stream(Currency.values())
                    .mapToDouble(c -> FxRates.usdPerUnit(c.name()).doubleValue())
                    .toArray();

    private final GeneratorOptions options;
    private final SchemaIds ids;
    private final Zipf accounts;
    private final long startMillis;
    private final double intervalMillis;
    private final double poisonUpTo;
    private final double duplicateUpTo;
    private final double lateUpTo;
    private final double outOfOrderUpTo;
    private final long lateMinMillis;
    private final long lateMaxMillis;
    private final ConfluentAvroDecoder<GenericRecord> localDecoder;
    private final AccountCache<byte[]> accountIds;
    private final AccountCache<byte[]> cardNumbers;
    private final TransactionDraw draw = new TransactionDraw();
    private final AvroBuffer buffer = new AvroBuffer();
    private final PositionRandom kindRandom = new PositionRandom();
    private final PositionRandom eventRandom = new PositionRandom();
    private final PositionRandom poisonRandom = new PositionRandom();

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
        this.lateMinMillis = f.lateDelay().min().toMillis();
        this.lateMaxMillis = f.lateDelay().max().toMillis();
        this.accountIds = new AccountCache<>(options.accounts(), a -> ascii(accountId(a)));
        this.cardNumbers =
                new AccountCache<>(
                        options.accounts(),
                        a -> AvroBuffer.encodeString(CardNumbers.forAccount(options.seed(), a)));
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
                TransactionDraw source = draw(original, rawFault(original));
                return new GeneratedRecord(
                        position,
                        RecordKind.DUPLICATE,
                        original,
                        version(source),
                        accountIds.get(source.account),
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
        TransactionDraw d = draw(position, fault);
        if (fault == Fault.POISON) {
            return poison(position, d, timestamp);
        }
        return new GeneratedRecord(
                position,
                RecordKind.EVENT,
                position,
                version(d),
                accountIds.get(d.account),
                encode(d),
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
        return transaction(draw(sourcePosition, rawFault(sourcePosition)));
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
        return version(draw(sourcePosition, rawFault(sourcePosition)));
    }

    private static CardTransactionSchemas version(TransactionDraw d) {
        return d.v2 ? CardTransactionSchemas.V2 : CardTransactionSchemas.V1;
    }

    /**
     * Draws the transaction of {@code position} into this generator's reused {@link
     * TransactionDraw} (valid until the next call). The order of the draws is the output's
     * definition: changing it changes every record ({@code GoldenBytesTest}).
     */
    private TransactionDraw draw(long position, Fault fault) {
        PositionRandom r =
                eventRandom.at(Seeds.streamSeed(options.seed(), position, PURPOSE_EVENT));
        TransactionDraw d = draw;
        d.account = accounts.sample(r);
        d.merchant = Merchants.pick(r);
        Merchants.Profile m = Merchants.ALL.get(d.merchant);
        d.v2 = r.nextDouble() < options.schemaMix().v2Share();
        d.uuidMostSignificant = (r.nextLong() & ~0xF000L) | 0x4000L; // version 4
        d.uuidLeastSignificant =
                (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
        double usd = m.medianUsd() * Math.exp(m.sigma() * r.nextGaussian());
        usd = Math.max(0.5, Math.min(25_000, usd));
        d.amountUnscaled = localAmountUnscaled(usd, m.currency());
        double s = r.nextDouble();
        d.status = s < 0.92 ? Status.APPROVED : s < 0.98 ? Status.DECLINED : Status.REVERSED;
        d.channel = channel(m, r);
        long lagMillis =
                switch (fault) {
                    case LATE -> r.nextLong(lateMinMillis, lateMaxMillis + 1);
                    case OUT_OF_ORDER -> r.nextLong(5_000, 120_001);
                    default -> r.nextLong(0, 2_001);
                };
        d.eventTimeMillis = arrivalMillis(position) - lagMillis;
        d.entryMode = entryMode(d.channel, r);
        d.terminal = d.channel == Channel.POS ? 1 + r.nextInt(EncodedConstants.TERMINALS) : 0;
        d.hasDevice = false;
        d.fxHintStep = -1;
        if (d.v2) {
            if (d.channel == Channel.ECOM) {
                d.hasDevice = true;
                d.deviceBits = r.nextLong() | 1L << 60;
            }
            if (m.currency() != Currency.USD) {
                d.fxHintStep = r.nextInt(EncodedConstants.FX_HINT_STEPS);
            }
        }
        return d;
    }

    /** The transaction a draw stands for (as sent: a v1 event has no v2 fields). */
    private CardTransaction transaction(TransactionDraw d) {
        Merchants.Profile m = Merchants.ALL.get(d.merchant);
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("entry_mode", EncodedConstants.ENTRY_MODES.get(d.entryMode));
        if (d.terminal > 0) {
            attributes.put("terminal_id", EncodedConstants.terminalId(m, d.terminal));
        }
        CardTransaction t = new CardTransaction();
        t.setTransactionId(new UUID(d.uuidMostSignificant, d.uuidLeastSignificant));
        t.setAccountId(accountId(d.account));
        t.setCardNumber(CardNumbers.forAccount(options.seed(), d.account));
        t.setMerchant(new Merchant(m.id(), m.name(), m.mcc(), m.country()));
        t.setAmount(BigDecimal.valueOf(d.amountUnscaled, 2));
        t.setCurrency(m.currency());
        t.setEventTime(Instant.ofEpochMilli(d.eventTimeMillis));
        t.setStatus(d.status);
        t.setChannel(d.channel);
        t.setAttributes(attributes);
        t.setDeviceId(d.hasDevice ? "dev-" + Long.toHexString(d.deviceBits) : null);
        t.setFxRateHint(
                d.fxHintStep < 0 ? null : EncodedConstants.fxHint(m.currency(), d.fxHintStep));
        return t;
    }

    private GeneratedRecord poison(long position, TransactionDraw d, long timestamp) {
        PositionRandom r =
                poisonRandom.at(Seeds.streamSeed(options.seed(), position, PURPOSE_POISON));
        PoisonKind kind = PoisonKind.values()[r.nextInt(PoisonKind.values().length)];
        byte[] valid = encode(d);
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
                        ByteBuffer.wrap(v, 1, 4).putInt(ids.of(version(d)));
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
                version(d),
                accountIds.get(d.account),
                value,
                timestamp,
                false,
                false,
                kind,
                failure.failure().code(),
                failure.deadLetterDetail());
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
        double u = Seeds.firstDouble(options.seed(), position, PURPOSE_KIND);
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
        PositionRandom r = kindRandom.at(Seeds.streamSeed(options.seed(), position, PURPOSE_KIND));
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
     * The Confluent wire format of the draw's transaction: the bytes {@code
     * ConfluentWireFormat.encode} with Avro's own writer gives for {@link
     * #transaction(TransactionDraw)} ({@code ValueEncodingTest}), written field by field into a
     * reused buffer from precomputed encodings.
     */
    private byte[] encode(TransactionDraw d) {
        Merchants.Profile m = Merchants.ALL.get(d.merchant);
        AvroBuffer b = buffer;
        b.reset();
        b.writeRawByte(ConfluentWireFormat.MAGIC_BYTE);
        b.writeFixedInt(d.v2 ? ids.v2() : ids.v1());
        b.writeUuidString(d.uuidMostSignificant, d.uuidLeastSignificant);
        b.writeBytes(accountIds.get(d.account));
        b.writeEncoded(cardNumbers.get(d.account));
        b.writeEncoded(EncodedConstants.merchant(d.merchant));
        b.writeTwosComplement(d.amountUnscaled);
        b.writeLong(m.currency().ordinal());
        b.writeLong(d.eventTimeMillis);
        b.writeLong(d.status.ordinal());
        if (d.channel == null) {
            b.writeLong(0);
        } else {
            b.writeLong(1);
            b.writeLong(d.channel.ordinal());
        }
        b.writeLong(d.terminal > 0 ? 2 : 1); // one map block with the attributes
        b.writeEncoded(EncodedConstants.ENTRY_MODE_KEY);
        b.writeEncoded(EncodedConstants.ENTRY_MODE_VALUES[d.entryMode]);
        if (d.terminal > 0) {
            b.writeEncoded(EncodedConstants.TERMINAL_ID_KEY);
            b.writeEncoded(EncodedConstants.terminalId(d.merchant, d.terminal));
        }
        b.writeLong(0); // end of the map
        if (d.v2) {
            if (d.hasDevice) {
                b.writeLong(1);
                b.writePrefixedHex16(EncodedConstants.DEVICE_PREFIX, d.deviceBits);
            } else {
                b.writeLong(0);
            }
            if (d.fxHintStep < 0) {
                b.writeLong(0);
            } else {
                b.writeLong(1);
                b.writeEncoded(EncodedConstants.fxHintBytes(m.currency(), d.fxHintStep));
            }
        }
        return b.toByteArray();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** {@code acct-00000042}: the account id of a Zipf rank. */
    public static String accountId(int account) {
        String digits = Integer.toString(account);
        return "acct-" + "00000000".substring(digits.length()) + digits;
    }

    /** The amount in minor units (scale 2); whole yen for JPY. */
    private static long localAmountUnscaled(double usd, Currency currency) {
        double local = usd / USD_PER_UNIT[currency.ordinal()];
        if (currency == Currency.JPY) {
            return Math.max(1, Math.round(local)) * 100;
        }
        return Math.max(1, Math.round(local * 100));
    }

    private static Channel channel(Merchants.Profile m, PositionRandom r) {
        if (m.mcc().equals("6011")) {
            return Channel.ATM;
        }
        double c = r.nextDouble();
        if (m.mcc().equals("5999")) {
            return c < 0.95 ? Channel.ECOM : null;
        }
        return c < 0.80 ? Channel.POS : c < 0.95 ? Channel.ECOM : null;
    }

    /** An index in {@link EncodedConstants#ENTRY_MODES}. */
    private static int entryMode(Channel channel, PositionRandom r) {
        if (channel == null) {
            return EncodedConstants.UNKNOWN;
        }
        return switch (channel) {
            case ECOM -> EncodedConstants.ECOMMERCE;
            case ATM -> EncodedConstants.CHIP;
            default -> {
                double e = r.nextDouble();
                yield e < 0.55
                        ? EncodedConstants.CONTACTLESS
                        : e < 0.9
                                ? EncodedConstants.CHIP
                                : e < 0.98 ? EncodedConstants.SWIPE : EncodedConstants.MANUAL;
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
}

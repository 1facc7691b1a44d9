package dev.cutover.loadgen.generate;

import dev.cutover.model.Currency;
import dev.cutover.model.rules.FxRates;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * The Avro encodings of the values the generator draws from a small set, computed once: each
 * merchant's four strings, its terminal ids, the attribute keys and entry modes, and every possible
 * {@code fx_rate_hint}. Writing these is a copy instead of a string encoding per record.
 */
final class EncodedConstants {
    static final int TERMINALS = 8;
    static final int FX_HINT_STEPS = 1_001;

    static final List<String> ENTRY_MODES =
            List.of("unknown", "ecommerce", "chip", "contactless", "swipe", "manual");
    static final int UNKNOWN = 0;
    static final int ECOMMERCE = 1;
    static final int CHIP = 2;
    static final int CONTACTLESS = 3;
    static final int SWIPE = 4;
    static final int MANUAL = 5;

    static final byte[] ENTRY_MODE_KEY = AvroBuffer.encodeString("entry_mode");
    static final byte[] TERMINAL_ID_KEY = AvroBuffer.encodeString("terminal_id");
    static final byte[][] ENTRY_MODE_VALUES =
            ENTRY_MODES.stream().map(AvroBuffer::encodeString).toArray(byte[][]::new);
    static final byte[] DEVICE_PREFIX = "dev-".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    /** Per merchant: id, name, mcc and country, one after the other (the nested record). */
    private static final byte[][] MERCHANTS;

    /** Per merchant, terminal {@code n} (1-based) at index n - 1. */
    private static final byte[][][] TERMINAL_IDS;

    /** Per currency ordinal and step: the encoded {@code fx_rate_hint}, null for USD. */
    private static final byte[][][] FX_HINTS;

    static {
        int n = Merchants.ALL.size();
        MERCHANTS = new byte[n][];
        TERMINAL_IDS = new byte[n][TERMINALS][];
        for (int i = 0; i < n; i++) {
            Merchants.Profile m = Merchants.ALL.get(i);
            AvroBuffer b = new AvroBuffer();
            b.writeEncoded(AvroBuffer.encodeString(m.id()));
            b.writeEncoded(AvroBuffer.encodeString(m.name()));
            b.writeEncoded(AvroBuffer.encodeString(m.mcc()));
            b.writeEncoded(AvroBuffer.encodeString(m.country()));
            MERCHANTS[i] = b.toByteArray();
            for (int t = 1; t <= TERMINALS; t++) {
                TERMINAL_IDS[i][t - 1] = AvroBuffer.encodeString(terminalId(m, t));
            }
        }
        FX_HINTS = new byte[Currency.values().length][][];
        for (Currency c : Currency.values()) {
            if (c == Currency.USD) {
                continue;
            }
            byte[][] steps = new byte[FX_HINT_STEPS][];
            for (int step = 0; step < FX_HINT_STEPS; step++) {
                AvroBuffer b = new AvroBuffer();
                b.writeBytes(fxHint(c, step).unscaledValue().toByteArray());
                steps[step] = b.toByteArray();
            }
            FX_HINTS[c.ordinal()] = steps;
        }
    }

    private EncodedConstants() {}

    static byte[] merchant(int index) {
        return MERCHANTS[index];
    }

    static byte[] terminalId(int merchant, int terminal) {
        return TERMINAL_IDS[merchant][terminal - 1];
    }

    static byte[] fxHintBytes(Currency currency, int step) {
        return FX_HINTS[currency.ordinal()][step];
    }

    static String terminalId(Merchants.Profile m, int terminal) {
        return m.id() + "-T" + terminal;
    }

    /** The hint of a non-USD currency: its rate times 0.995…1.005 in 0.00001 steps, scale 8. */
    static BigDecimal fxHint(Currency currency, int step) {
        return FxRates.usdPerUnit(currency.name())
                .multiply(BigDecimal.valueOf(99_500 + step, 5))
                .setScale(8, RoundingMode.HALF_EVEN);
    }
}

package dev.cutover.loadgen.generate;

import dev.cutover.model.CardTransaction;
import dev.cutover.model.CardTransactionSchemas;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.Encoder;

/**
 * A fast {@link DatumWriter} for {@link CardTransaction} in schema v1 or v2: the Avro binary
 * encoding written field by field, without the generic writer's per-field reflection and logical
 * type dispatch (about 3x faster). Its output is byte-for-byte what Avro's {@code
 * GenericDatumWriter} writes for the same schema; {@code CardTransactionWriterTest} checks it.
 */
final class CardTransactionWriter implements DatumWriter<CardTransaction> {
    private static final int AMOUNT_SCALE = 2;
    private static final int FX_SCALE = 8;

    private final boolean v2;

    CardTransactionWriter(CardTransactionSchemas version) {
        this.v2 = version == CardTransactionSchemas.V2;
    }

    @Override
    public void setSchema(Schema schema) {
        throw new UnsupportedOperationException("the schema is fixed at construction");
    }

    @Override
    public void write(CardTransaction t, Encoder out) throws IOException {
        out.writeString(t.getTransactionId().toString());
        out.writeString(t.getAccountId());
        out.writeString(t.getCardNumber());
        out.writeString(t.getMerchant().getId());
        out.writeString(t.getMerchant().getName());
        out.writeString(t.getMerchant().getMcc());
        out.writeString(t.getMerchant().getCountry());
        writeDecimal(out, t.getAmount(), AMOUNT_SCALE);
        out.writeEnum(t.getCurrency().ordinal());
        out.writeLong(t.getEventTime().toEpochMilli());
        out.writeEnum(t.getStatus().ordinal());
        if (t.getChannel() == null) {
            out.writeIndex(0);
        } else {
            out.writeIndex(1);
            out.writeEnum(t.getChannel().ordinal());
        }
        Map<String, String> attributes = t.getAttributes();
        out.writeMapStart();
        out.setItemCount(attributes.size());
        for (Map.Entry<String, String> e : attributes.entrySet()) {
            out.startItem();
            out.writeString(e.getKey());
            out.writeString(e.getValue());
        }
        out.writeMapEnd();
        if (!v2) {
            return;
        }
        if (t.getDeviceId() == null) {
            out.writeIndex(0);
        } else {
            out.writeIndex(1);
            out.writeString(t.getDeviceId());
        }
        if (t.getFxRateHint() == null) {
            out.writeIndex(0);
        } else {
            out.writeIndex(1);
            writeDecimal(out, t.getFxRateHint(), FX_SCALE);
        }
    }

    /** As Avro's DecimalConversion: rescale without rounding, two's-complement big-endian. */
    private static void writeDecimal(Encoder out, BigDecimal value, int scale) throws IOException {
        out.writeBytes(
                value.setScale(scale, RoundingMode.UNNECESSARY).unscaledValue().toByteArray());
    }
}

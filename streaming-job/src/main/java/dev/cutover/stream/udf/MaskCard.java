package dev.cutover.stream.udf;

import dev.cutover.model.rules.CardMasking;
import org.apache.flink.table.functions.ScalarFunction;

/** {@code mask_card(pan)}: the model's {@link CardMasking#mask}. */
public final class MaskCard extends ScalarFunction {
    private static final long serialVersionUID = 1L;

    public String eval(String pan) {
        return CardMasking.mask(pan);
    }
}

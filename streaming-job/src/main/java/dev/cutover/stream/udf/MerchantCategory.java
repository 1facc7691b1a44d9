package dev.cutover.stream.udf;

import dev.cutover.model.rules.MerchantCategories;
import org.apache.flink.table.functions.ScalarFunction;

/** {@code merchant_category(mcc)}: the model's {@link MerchantCategories#of}. */
public final class MerchantCategory extends ScalarFunction {
    private static final long serialVersionUID = 1L;

    public String eval(String mcc) {
        return MerchantCategories.of(mcc);
    }
}

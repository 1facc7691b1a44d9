package dev.cutover.stream.udf;

import dev.cutover.model.rules.International;
import org.apache.flink.table.functions.ScalarFunction;

/**
 * {@code is_international(merchant_country)}: the model's {@link International#isInternational}.
 */
public final class IsInternational extends ScalarFunction {
    private static final long serialVersionUID = 1L;

    public boolean eval(String merchantCountry) {
        return International.isInternational(merchantCountry);
    }
}

package dev.cutover.stream.udf;

import dev.cutover.model.rules.FxRates;
import java.math.BigDecimal;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.functions.ScalarFunction;

/**
 * {@code to_usd(amount, currency)}: the model's {@link FxRates#toUsd} (HALF_EVEN, 2 decimals). SQL
 * {@code CAST} rounds HALF_UP, so the rule is never re-written in SQL.
 */
public final class ToUsd extends ScalarFunction {
    private static final long serialVersionUID = 1L;

    public @DataTypeHint("DECIMAL(18, 2)") BigDecimal eval(
            @DataTypeHint("DECIMAL(18, 2)") BigDecimal amount, String currency) {
        return FxRates.toUsd(amount, currency);
    }
}

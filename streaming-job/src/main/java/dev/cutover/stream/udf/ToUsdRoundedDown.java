package dev.cutover.stream.udf;

import dev.cutover.model.rules.FxRates;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.functions.ScalarFunction;

/**
 * TEST ONLY ({@code test.defect=fx-round-down}): {@code to_usd} with the model's rates but rounding
 * DOWN instead of HALF_EVEN, a deliberate defect that a parity gate must catch. About half of the
 * non-USD amounts come out one cent lower than the model's; USD amounts are unchanged.
 */
public final class ToUsdRoundedDown extends ScalarFunction {
    private static final long serialVersionUID = 1L;

    public @DataTypeHint("DECIMAL(18, 2)") BigDecimal eval(
            @DataTypeHint("DECIMAL(18, 2)") BigDecimal amount, String currency) {
        if (amount == null) {
            return null;
        }
        return amount.multiply(FxRates.usdPerUnit(currency))
                .setScale(FxRates.USD_SCALE, RoundingMode.DOWN);
    }
}

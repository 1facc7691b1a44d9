package dev.cutover.stream.udf;

import dev.cutover.contract.stream.TestDefect;
import org.apache.flink.table.api.TableEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Registers the model's business rules as SQL functions under the names the .sql files use. */
public final class BusinessRules {
    private static final Logger LOG = LoggerFactory.getLogger(BusinessRules.class);

    private BusinessRules() {}

    /**
     * The rules, with {@code defect} injected when it is not {@link TestDefect#NONE} (test only:
     * the output is then deliberately wrong).
     */
    public static void register(TableEnvironment tEnv, TestDefect defect) {
        if (defect == TestDefect.FX_ROUND_DOWN) {
            LOG.warn(
                    "TEST ONLY: defect '{}' injected, to_usd rounds DOWN instead of HALF_EVEN:"
                            + " amount_usd is deliberately wrong. Never use this in production.",
                    defect.optionValue());
            tEnv.createTemporarySystemFunction("to_usd", ToUsdRoundedDown.class);
        } else {
            tEnv.createTemporarySystemFunction("to_usd", ToUsd.class);
        }
        tEnv.createTemporarySystemFunction("merchant_category", MerchantCategory.class);
        tEnv.createTemporarySystemFunction("mask_card", MaskCard.class);
        tEnv.createTemporarySystemFunction("is_international", IsInternational.class);
        tEnv.createTemporarySystemFunction("hour_start", HourStart.class);
    }
}

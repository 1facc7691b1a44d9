package dev.cutover.stream.udf;

import org.apache.flink.table.api.TableEnvironment;

/** Registers the model's business rules as SQL functions under the names the .sql files use. */
public final class BusinessRules {
    private BusinessRules() {}

    public static void register(TableEnvironment tEnv) {
        tEnv.createTemporarySystemFunction("to_usd", ToUsd.class);
        tEnv.createTemporarySystemFunction("merchant_category", MerchantCategory.class);
        tEnv.createTemporarySystemFunction("mask_card", MaskCard.class);
        tEnv.createTemporarySystemFunction("is_international", IsInternational.class);
        tEnv.createTemporarySystemFunction("hour_start", HourStart.class);
    }
}

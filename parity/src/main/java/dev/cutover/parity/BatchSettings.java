package dev.cutover.parity;

import dev.cutover.contract.Defaults;
import java.time.Duration;

/**
 * How the Spark batch of a run is set up, besides the services and the hours.
 *
 * @param grace the batch for hour H runs at H + 1h + grace and reads what reached Kafka by then
 * @param lookback it reads records stamped from H − lookback
 * @param resolveOffsets resolve each hour's offsets anew instead of reusing a former run's
 */
public record BatchSettings(
        Duration grace, Duration lookback, String outputSchema, boolean resolveOffsets) {

    public static BatchSettings defaults(Duration grace) {
        return new BatchSettings(grace, Defaults.LOOKBACK, Defaults.BATCH_SCHEMA, false);
    }
}

package dev.cutover.stream.udf;

import dev.cutover.model.rules.EventHours;
import java.time.Instant;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.functions.ScalarFunction;

/** {@code hour_start(event_time)}: the model's {@link EventHours#hourStart} (the UTC hour). */
public final class HourStart extends ScalarFunction {
    private static final long serialVersionUID = 1L;

    public @DataTypeHint(value = "TIMESTAMP_LTZ(3)", bridgedTo = Instant.class) Instant eval(
            @DataTypeHint(value = "TIMESTAMP_LTZ(3)", bridgedTo = Instant.class)
                    Instant eventTime) {
        return eventTime == null ? null : EventHours.hourStart(eventTime);
    }
}

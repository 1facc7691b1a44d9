package dev.cutover.stream.config;

import java.time.Duration;

/** Durations in the form Flink's string configuration takes. */
public final class FlinkDurations {
    private FlinkDurations() {}

    /** {@code 1500 ms}. */
    public static String of(Duration d) {
        return d.toMillis() + " ms";
    }
}

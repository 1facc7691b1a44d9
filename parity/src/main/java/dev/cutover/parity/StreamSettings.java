package dev.cutover.parity;

import dev.cutover.contract.Defaults;
import dev.cutover.contract.Durations;
import dev.cutover.contract.stream.JobOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the Flink job of a run is set up, besides the services it talks to.
 *
 * @param jobOptions any other job option by its key ({@link JobOption}), e.g. {@code
 *     restart.attempts}, {@code sink.batch-size}, {@code test.defect}
 */
public record StreamSettings(
        int parallelism,
        Duration checkpointInterval,
        String groupId,
        Map<String, String> jobOptions) {

    public StreamSettings {
        jobOptions = Map.copyOf(jobOptions);
    }

    public static StreamSettings defaults() {
        return new StreamSettings(
                Defaults.PARALLELISM,
                Defaults.CHECKPOINT_INTERVAL,
                Defaults.STREAM_GROUP,
                Map.of());
    }

    /** The same with one more job option. */
    public StreamSettings withOption(JobOption option, String value) {
        Map<String, String> options = new LinkedHashMap<>(jobOptions);
        options.put(option.key(), value);
        return new StreamSettings(parallelism, checkpointInterval, groupId, options);
    }

    public StreamSettings withCheckpointInterval(Duration interval) {
        return new StreamSettings(parallelism, interval, groupId, jobOptions);
    }

    /** The settings as job options. */
    Map<String, String> values() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(JobOption.PARALLELISM.key(), Integer.toString(parallelism));
        values.put(JobOption.CHECKPOINT_INTERVAL.key(), Durations.format(checkpointInterval));
        values.put(JobOption.GROUP_ID.key(), groupId);
        values.putAll(jobOptions);
        return values;
    }
}

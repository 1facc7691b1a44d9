package dev.cutover.parity;

import dev.cutover.contract.Defaults;
import dev.cutover.loadgen.config.GeneratorOptions;
import dev.cutover.parity.batch.BatchSchedule;
import dev.cutover.recon.gate.GatePolicy;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What a parity run does, wherever it runs: the load (on its simulated clock), how the stream and
 * the batch are set up, how long the stream may take to start and to catch up, the gate and where
 * the reports go.
 *
 * @param hours the simulated hours of the load
 * @param partitions partitions of the topic when the run creates it
 * @param history record the run in {@code cutover.reconciliation_runs} and judge the gate's burn-in
 *     ({@code require_clean_hours}) on the hours recorded there
 */
public record ParityPlan(
        GeneratorOptions generator,
        int hours,
        int partitions,
        StreamSettings stream,
        BatchSettings batch,
        Duration streamStartTimeout,
        Duration catchUpTimeout,
        GatePolicy gate,
        Path reportDir,
        boolean history) {

    /** The default of how long the Flink job may take to run after it is started. */
    public static final Duration STREAM_START_TIMEOUT = Duration.ofMinutes(5);

    /**
     * A run of {@code load}'s hours with the default stream, the batch's grace and timeouts.
     *
     * @param generator the load's generator options (from {@link LoadSettings})
     */
    public static ParityPlan of(
            LoadSettings load,
            GeneratorOptions generator,
            Duration grace,
            GatePolicy gate,
            Path reportDir) {
        return new ParityPlan(
                generator,
                load.hours(),
                Defaults.PARTITIONS,
                StreamSettings.defaults(),
                BatchSettings.defaults(grace),
                STREAM_START_TIMEOUT,
                Defaults.CATCH_UP_TIMEOUT,
                gate,
                reportDir,
                false);
    }

    public ParityPlan withStream(StreamSettings settings) {
        return new ParityPlan(
                generator,
                hours,
                partitions,
                settings,
                batch,
                streamStartTimeout,
                catchUpTimeout,
                gate,
                reportDir,
                history);
    }

    public ParityPlan withPartitions(int n) {
        return new ParityPlan(
                generator,
                hours,
                n,
                stream,
                batch,
                streamStartTimeout,
                catchUpTimeout,
                gate,
                reportDir,
                history);
    }

    public ParityPlan withCatchUpTimeout(Duration timeout) {
        return new ParityPlan(
                generator,
                hours,
                partitions,
                stream,
                batch,
                streamStartTimeout,
                timeout,
                gate,
                reportDir,
                history);
    }

    public ParityPlan withHistory(boolean record) {
        return new ParityPlan(
                generator,
                hours,
                partitions,
                stream,
                batch,
                streamStartTimeout,
                catchUpTimeout,
                gate,
                reportDir,
                record);
    }

    public Duration grace() {
        return batch.grace();
    }

    public BatchSchedule schedule() {
        return BatchSchedule.of(
                generator.start(), hours, generator.faults().lateDelay().max(), grace());
    }
}

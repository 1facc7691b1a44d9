package dev.cutover.cli.parity;

import dev.cutover.loadgen.config.GeneratorOptions;
import dev.cutover.recon.gate.GatePolicy;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What a parity run does, wherever it runs: the load (on its simulated clock), the batch's grace,
 * how long the stream may take to start and to catch up, the gate and where the reports go.
 *
 * @param hours the simulated hours of the load
 * @param partitions partitions of the topic when the run creates it
 * @param grace the batch cutoff of hour H is H + 1h + grace
 * @param rewriteWrittenAt put {@code written_at} on the simulated clock before latency is measured
 *     (when the load runs faster than real time)
 */
public record ParityPlan(
        GeneratorOptions generator,
        int hours,
        int partitions,
        Duration grace,
        Duration streamStartTimeout,
        Duration catchUpTimeout,
        GatePolicy gate,
        Path reportDir,
        Duration progressInterval,
        boolean rewriteWrittenAt) {

    public BatchSchedule schedule() {
        return BatchSchedule.of(
                generator.start(), hours, generator.faults().lateDelay().max(), grace);
    }
}

package dev.cutover.parity.chaos;

import java.time.Instant;

/** One kind of fault, injected for real; returns once the service is back. */
@FunctionalInterface
public interface Fault {

    /**
     * What happened.
     *
     * @param injectedAt when the fault itself started (after any preparation, e.g. waiting for a
     *     checkpoint to exist)
     * @param outcome how the service came back, for the report
     * @param restoredCheckpoint the checkpoint a restarted job was restored from, or null
     * @param restores how many times the job has been restored so far, or null
     */
    record Result(Instant injectedAt, String outcome, Long restoredCheckpoint, Long restores) {
        /** A service that came back, nothing restored. */
        public Result(Instant injectedAt, String outcome) {
            this(injectedAt, outcome, null, null);
        }
    }

    /** Injects the fault and waits until the service is back; throws when it does not come back. */
    Result inject() throws Exception;
}

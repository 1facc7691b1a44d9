package dev.cutover.parity;

import dev.cutover.recon.report.InjectedFault;
import java.time.Instant;
import java.util.List;

/** Hears a parity run as it goes: its phases, and its load's simulated clock (fault injection). */
public interface ParityListener {

    ParityListener NONE = new ParityListener() {};

    /** A phase begins. */
    default void phase(Phase phase) {}

    /** About twice a second while the load runs, with the simulated time it has reached. */
    default void during(Instant simulated) throws Exception {}

    /** Once the load has ended and the remaining batches run, before the truth is written. */
    default void afterLoad() throws Exception {}

    /** The faults injected during the run, for the report (none by default). */
    default List<InjectedFault> faults() {
        return List.of();
    }
}

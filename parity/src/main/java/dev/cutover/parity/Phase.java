package dev.cutover.parity;

/** The named phases of a parity run, in order. */
public enum Phase {
    /**
     * Output tables migrated, topic created (empty, timestamps it will keep), schemas registered.
     */
    PREPARE_TARGET("preparing the target"),
    /** The Flink job started and running, before the load, as in production. */
    START_STREAM("starting the Flink job"),
    /** The load on its simulated clock; each batch hour runs once its cutoff has passed. */
    GENERATE_LOAD("generating"),
    /** The truth of what Kafka acknowledged, into truth.*. */
    WRITE_TRUTH("writing the truth"),
    /** The stream's tables until they hold the truth's counts. */
    CATCH_UP("stream catching up"),
    /** The hours due at the end of the load in one batch, and every batch still running. */
    RUN_BATCHES("batch"),
    /** stream vs batch vs truth, latency, the gate. */
    RECONCILE("reconciling"),
    /** HTML, Markdown, JSON and JUnit XML. */
    REPORT("writing the reports");

    private final String label;

    Phase(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

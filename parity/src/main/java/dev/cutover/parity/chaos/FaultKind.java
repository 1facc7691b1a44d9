package dev.cutover.parity.chaos;

/** The faults {@code cutover demo --chaos} injects. */
public enum FaultKind {
    /** SIGKILL of the Flink TaskManager JVM, then a new TaskManager, as after a lost machine. */
    FLINK_TASKMANAGER_KILL("flink-taskmanager-kill"),
    /** The Kafka broker shut down and started again on the same port and data. */
    KAFKA_RESTART("kafka-restart"),
    /** PostgreSQL stopped ({@code pg_ctl stop -m fast}) and started on the same port and data. */
    POSTGRES_RESTART("postgres-restart");

    private final String label;

    FaultKind(String label) {
        this.label = label;
    }

    /** The name in the reports. */
    public String label() {
        return label;
    }
}

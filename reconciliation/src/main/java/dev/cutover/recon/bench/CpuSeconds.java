package dev.cutover.recon.bench;

/**
 * CPU seconds one benchmarked diff cost: the database backends that read the left table, the right
 * one, or both (PostgreSQL's {@code EXCEPT ALL}), and the JVM that ran the diff ({@code client}).
 * Zero where the database is not on this machine.
 */
public record CpuSeconds(double left, double right, double both, double client) {
    static CpuSeconds of(double left, double right, double both, double client) {
        return new CpuSeconds(round(left), round(right), round(both), round(client));
    }

    /** Every backend's CPU seconds. */
    public double database() {
        return round(left + right + both);
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}

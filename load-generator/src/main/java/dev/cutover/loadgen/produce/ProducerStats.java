package dev.cutover.loadgen.produce;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/** Counters and the ack-latency histogram (microseconds) of a run. Thread-safe. */
public final class ProducerStats {
    private final long startNanos = System.nanoTime();
    private final OptionalLong target;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final Histogram latencyMicros = new Histogram(600_000_000L, 3);
    private volatile long endNanos;

    public ProducerStats(OptionalLong target) {
        this.target = target;
    }

    void sent() {
        sent.incrementAndGet();
    }

    void acknowledged(long sizeBytes, long latencyNanos) {
        acknowledged.incrementAndGet();
        bytes.addAndGet(sizeBytes);
        record(latencyNanos);
    }

    void failed(long latencyNanos) {
        failed.incrementAndGet();
        record(latencyNanos);
    }

    void finish() {
        endNanos = System.nanoTime();
    }

    private void record(long latencyNanos) {
        long micros = Math.max(0, Math.min(latencyNanos / 1_000, 600_000_000L));
        synchronized (latencyMicros) {
            latencyMicros.recordValue(micros);
        }
    }

    public StatsSnapshot snapshot() {
        long end = endNanos != 0 ? endNanos : System.nanoTime();
        double p50;
        double p95;
        double p99;
        double max;
        synchronized (latencyMicros) {
            p50 = latencyMicros.getValueAtPercentile(50) / 1000.0;
            p95 = latencyMicros.getValueAtPercentile(95) / 1000.0;
            p99 = latencyMicros.getValueAtPercentile(99) / 1000.0;
            max = latencyMicros.getMaxValue() / 1000.0;
        }
        return new StatsSnapshot(
                Duration.ofNanos(end - startNanos),
                sent.get(),
                acknowledged.get(),
                failed.get(),
                bytes.get(),
                p50,
                p95,
                p99,
                max,
                target);
    }
}

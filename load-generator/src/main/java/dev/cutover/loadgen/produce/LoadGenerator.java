package dev.cutover.loadgen.produce;

import dev.cutover.loadgen.config.GeneratorOptions;
import dev.cutover.loadgen.generate.EventGenerator;
import dev.cutover.loadgen.generate.GeneratedRecord;
import dev.cutover.loadgen.generate.RecordKind;
import dev.cutover.loadgen.rate.RateLimiter;
import dev.cutover.loadgen.truth.GroundTruth;
import dev.cutover.model.CardTransactionSchemas;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the records of a run: {@code threads} workers take the next position, generate its record,
 * wait for the rate limiter and send it with a callback. Every acknowledgement feeds the {@link
 * GroundTruth} and the {@link ProducerStats}; every failure is counted and logged (the first few in
 * full). {@link #stop()} ends the run early: workers stop taking positions and what was sent is
 * flushed. The caller owns (and closes) the producer.
 */
public final class LoadGenerator {
    private static final Logger LOG = LoggerFactory.getLogger(LoadGenerator.class);
    private static final int FAILURES_LOGGED_IN_FULL = 5;

    private final EventGenerator generator;
    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final RateLimiter limiter;
    private final GroundTruth truth;
    private final ProducerStats stats;
    private final AtomicLong next = new AtomicLong();
    private final AtomicReference<Throwable> workerFailure = new AtomicReference<>();
    private volatile boolean stopped;

    public LoadGenerator(
            EventGenerator generator,
            Producer<byte[], byte[]> producer,
            String topic,
            RateLimiter limiter,
            GroundTruth truth) {
        this.generator = generator;
        this.producer = producer;
        this.topic = topic;
        this.limiter = limiter;
        this.truth = truth;
        this.stats = new ProducerStats(generator.options().events());
    }

    public ProducerStats stats() {
        return stats;
    }

    /** Asks the run to end early; {@link #run()} returns once what was sent is flushed. */
    public void stop() {
        stopped = true;
    }

    public boolean stoppedEarly() {
        return stopped;
    }

    /** Runs to the end (count or duration reached, or {@link #stop()}); returns the final stats. */
    public StatsSnapshot run() throws InterruptedException {
        GeneratorOptions options = generator.options();
        long limit = options.events().orElse(Long.MAX_VALUE);
        long deadline =
                options.duration().map(d -> System.nanoTime() + d.toNanos()).orElse(Long.MAX_VALUE);
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < options.threads(); i++) {
            EventGenerator own = i == 0 ? generator : generator.copy();
            Thread worker = new Thread(() -> work(own, limit, deadline), "loadgen-" + i);
            worker.setDaemon(true);
            worker.setUncaughtExceptionHandler((t, e) -> workerFailure.compareAndSet(null, e));
            workers.add(worker);
        }
        workers.forEach(Thread::start);
        try {
            for (Thread worker : workers) {
                worker.join();
            }
        } catch (InterruptedException e) {
            stopped = true;
            for (Thread worker : workers) {
                worker.join();
            }
            Thread.currentThread().interrupt();
        }
        producer.flush();
        stats.finish();
        Throwable failure = workerFailure.get();
        if (failure != null) {
            throw new IllegalStateException("a generator thread failed: " + failure, failure);
        }
        return stats.snapshot();
    }

    private void work(EventGenerator own, long limit, long deadline) {
        while (!stopped) {
            if (deadline != Long.MAX_VALUE && System.nanoTime() >= deadline) {
                return;
            }
            long position = next.getAndIncrement();
            if (position >= limit) {
                return;
            }
            GeneratedRecord record = own.generate(position);
            try {
                limiter.acquire();
            } catch (InterruptedException e) {
                stopped = true;
                Thread.currentThread().interrupt();
                return;
            }
            send(record);
        }
    }

    private void send(GeneratedRecord record) {
        truth.attempted(record);
        stats.sent();
        Acknowledgement callback = new Acknowledgement(record);
        try {
            producer.send(
                    new ProducerRecord<>(
                            topic, null, record.timestampMillis(), record.key(), record.value()),
                    callback);
        } catch (RuntimeException e) {
            callback.onCompletion(null, e);
        }
    }

    /**
     * The callback of one send. It keeps only what the truth and the figures need (the position,
     * the version, the size), not the record's bytes — except for poison, whose value the dead
     * letters carry — so in-flight records cost little memory and the producer's I/O thread, which
     * runs every callback, does little work.
     */
    private final class Acknowledgement implements Callback {
        private final long position;
        private final long sourcePosition;
        private final RecordKind kind;
        private final CardTransactionSchemas version;
        private final GeneratedRecord poison;
        private final int size;
        private final long sentAt = System.nanoTime();

        Acknowledgement(GeneratedRecord record) {
            this.position = record.position();
            this.sourcePosition = record.sourcePosition();
            this.kind = record.kind();
            this.version = record.version();
            this.poison = record.kind() == RecordKind.POISON ? record : null;
            this.size = record.key().length + record.value().length;
        }

        @Override
        public void onCompletion(RecordMetadata metadata, Exception error) {
            long latency = System.nanoTime() - sentAt;
            if (error != null) {
                failed(latency, error);
                return;
            }
            stats.acknowledged(size, latency);
            if (poison != null) {
                truth.acknowledged(
                        poison, metadata.partition(), metadata.offset(), metadata.timestamp());
            } else {
                truth.acknowledgedEvent(
                        sourcePosition,
                        version,
                        metadata.partition(),
                        metadata.offset(),
                        metadata.timestamp());
            }
        }

        private void failed(long latency, Exception error) {
            stats.failed(latency);
            truth.failed(kind);
            long count = truth.failedCount();
            if (count <= FAILURES_LOGGED_IN_FULL || count % 10_000 == 0) {
                LOG.warn(
                        "send of record {} failed ({} failures so far): {}",
                        position,
                        count,
                        error.toString());
            }
        }
    }
}

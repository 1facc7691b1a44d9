package dev.cutover.loadgen.produce;

import dev.cutover.loadgen.config.GeneratorOptions;
import dev.cutover.loadgen.generate.EventGenerator;
import dev.cutover.loadgen.generate.SchemaIds;
import dev.cutover.loadgen.rate.RateLimiter;
import dev.cutover.loadgen.rate.Ticker;
import dev.cutover.loadgen.truth.GroundTruth;
import dev.cutover.loadgen.truth.TruthReport;
import java.time.Duration;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run end to end, on a topic that exists and schemas already registered: an idempotent
 * producer, the {@link LoadGenerator}, and the ground truth of what Kafka acknowledged.
 */
public final class LoadRun {
    private static final Logger LOG = LoggerFactory.getLogger(LoadRun.class);

    /**
     * @param stats the producer's final figures
     * @param truth the ground truth of what was acknowledged
     * @param stoppedEarly whether {@link LoadGenerator#stop()} ended the run
     */
    public record Result(StatsSnapshot stats, TruthReport truth, boolean stoppedEarly) {}

    private LoadRun() {}

    /**
     * Runs to the end and computes the truth. {@code started} receives the generator as soon as it
     * exists, so a caller can show progress or {@link LoadGenerator#stop()} it (Ctrl-C).
     */
    public static Result execute(
            GeneratorOptions options,
            String topic,
            Properties clientProperties,
            SchemaIds ids,
            Consumer<LoadGenerator> started)
            throws InterruptedException {
        EventGenerator generator = new EventGenerator(options, ids);
        GroundTruth truth = new GroundTruth(topic, options.events().orElse(-1));
        LoadGenerator load;
        StatsSnapshot stats;
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(ProducerSettings.of(clientProperties))) {
            load =
                    new LoadGenerator(
                            generator,
                            producer,
                            topic,
                            RateLimiter.of(options.rate(), Ticker.SYSTEM),
                            truth);
            started.accept(load);
            stats = load.run();
        }
        long computing = System.nanoTime();
        TruthReport report = truth.compute(generator, options.grace());
        LOG.debug(
                "computed the truth of {} acknowledged records in {} ms",
                stats.acknowledged(),
                Duration.ofNanos(System.nanoTime() - computing).toMillis());
        return new Result(stats, report, load.stoppedEarly());
    }
}

package dev.cutover.parity.demo;

import dev.cutover.contract.CutoverException;
import dev.cutover.contract.Defaults;
import dev.cutover.contract.stream.JobOption;
import dev.cutover.launch.flink.StandaloneFlinkCluster;
import dev.cutover.launch.flink.StreamJarLocator;
import dev.cutover.launch.spark.SparkBatch;
import dev.cutover.parity.ParityListener;
import dev.cutover.parity.ParityPlan;
import dev.cutover.parity.ParityTarget;
import dev.cutover.parity.ParityWorkflow;
import dev.cutover.parity.batch.SparkBatchRunner;
import dev.cutover.parity.chaos.ChaosPlan;
import dev.cutover.parity.chaos.FaultInjector;
import dev.cutover.parity.chaos.StackFaults;
import dev.cutover.parity.stream.ClusterStreamRunner;
import dev.cutover.parity.stream.LocalStreamRunner;
import dev.cutover.parity.stream.StreamRunner;
import dev.cutover.stack.EmbeddedStack;
import dev.cutover.stack.StackOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything {@code cutover demo} runs a parity run on, on this machine: the embedded stack (Kafka,
 * the registry, PostgreSQL), the Flink job in a child JVM (or, for a chaos run, on a standalone
 * cluster of its own whose TaskManager can be killed), the bundled Spark in child JVMs, and for a
 * chaos run the fault injector. Closing it stops what it started.
 */
public final class DemoEnvironment implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DemoEnvironment.class);
    private static final Duration CLUSTER_START_TIMEOUT = Duration.ofMinutes(2);

    /**
     * How the demo runs.
     *
     * @param streamHeap the Flink JVM's heap (a local run)
     * @param chaos inject faults while the load runs (see {@link ChaosPlan#standard})
     */
    public record Settings(String streamHeap, boolean chaos) {}

    private final Settings settings;
    private final StreamJarLocator.StreamJar streamJar;
    private final CompletableFuture<StandaloneFlinkCluster> chaosCluster;
    private final EmbeddedStack stack;
    private volatile ClusterStreamRunner.ClusterStream chaosStream;
    private FaultInjector injector;

    private DemoEnvironment(
            Settings settings,
            StreamJarLocator.StreamJar streamJar,
            CompletableFuture<StandaloneFlinkCluster> chaosCluster,
            EmbeddedStack stack) {
        this.settings = settings;
        this.streamJar = streamJar;
        this.chaosCluster = chaosCluster;
        this.stack = stack;
    }

    /** Starts the embedded stack (and, for a chaos run, the Flink cluster at the same time). */
    public static DemoEnvironment start(Settings settings) {
        StreamJarLocator.StreamJar streamJar = new StreamJarLocator().locate(null);
        streamJar.requireFlinkLib();
        CompletableFuture<StandaloneFlinkCluster> cluster =
                settings.chaos() ? startCluster(streamJar) : null;
        try {
            return new DemoEnvironment(
                    settings, streamJar, cluster, EmbeddedStack.start(StackOptions.defaults()));
        } catch (RuntimeException e) {
            stopCluster(cluster);
            throw e;
        }
    }

    public EmbeddedStack stack() {
        return stack;
    }

    /** The stack's services, the topic the demo generates into. */
    public ParityTarget target() {
        Properties kafka = new Properties();
        kafka.put("bootstrap.servers", stack.kafkaBootstrapServers());
        return new ParityTarget(
                kafka,
                Defaults.TOPIC,
                stack.schemaRegistryUrl(),
                Optional.empty(),
                stack.jdbcUrl(),
                stack.jdbcUser(),
                Optional.ofNullable(stack.jdbcPassword()).filter(p -> !p.isEmpty()));
    }

    /**
     * The workflow of {@code plan} here: a chaos run checkpoints every 2 s and restarts without
     * limit, on the standalone cluster, with the fault injector listening.
     */
    public ParityWorkflow workflow(ParityPlan plan) {
        ParityTarget target = target();
        SparkBatchRunner batch =
                new SparkBatchRunner(
                        SparkBatch.located(SparkBatch.Settings.bundled()), target.batchSecrets());
        if (!settings.chaos()) {
            return new ParityWorkflow(
                    target,
                    plan,
                    new LocalStreamRunner(streamJar, settings.streamHeap()),
                    batch,
                    ParityListener.NONE);
        }
        ParityPlan chaosPlan =
                plan.withStream(
                        plan.stream()
                                .withCheckpointInterval(Duration.ofSeconds(2))
                                .withOption(JobOption.RESTART_ATTEMPTS, "1000")
                                .withOption(JobOption.RESTART_DELAY, "1s"));
        injector =
                new FaultInjector(
                        ChaosPlan.standard(
                                plan.generator().start(), Duration.ofHours(plan.hours())),
                        StackFaults.of(stack, () -> chaosStream.cluster(), Clock.systemUTC()),
                        Clock.systemUTC());
        StreamRunner runner = new ClusterStreamRunner(this::cluster);
        return new ParityWorkflow(
                target,
                chaosPlan,
                options -> chaosStream = (ClusterStreamRunner.ClusterStream) runner.start(options),
                batch,
                injector);
    }

    private StandaloneFlinkCluster cluster() {
        try {
            return chaosCluster.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** A standalone cluster with the slots of the job's parallelism, starting on another thread. */
    private static CompletableFuture<StandaloneFlinkCluster> startCluster(
            StreamJarLocator.StreamJar streamJar) {
        return CompletableFuture.supplyAsync(
                () -> {
                    try {
                        Path dir = Files.createTempDirectory("cutover-chaos-flink-");
                        LOG.info("chaos: the Flink cluster's config and logs are in {}", dir);
                        return StandaloneFlinkCluster.start(
                                streamJar, dir, Defaults.PARALLELISM, CLUSTER_START_TIMEOUT);
                    } catch (IOException e) {
                        throw CutoverException.infrastructure(
                                "the Flink cluster did not start: " + e, e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw CutoverException.infrastructure("interrupted", e);
                    }
                });
    }

    private static void stopCluster(CompletableFuture<StandaloneFlinkCluster> cluster) {
        if (cluster == null) {
            return;
        }
        try {
            cluster.join().close();
        } catch (CompletionException didNotStart) {
            // nothing to stop; the run already failed on it
        }
    }

    @Override
    public void close() {
        try {
            if (injector != null) {
                injector.close();
            }
        } finally {
            try {
                stack.close();
            } finally {
                stopCluster(chaosCluster);
            }
        }
    }
}

package dev.cutover.cli.parity;

import dev.cutover.cli.batch.BatchCommand;
import dev.cutover.contract.CutoverException;
import dev.cutover.contract.ExitCode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Runs the Spark batch of scheduled hours one after the other on a thread of its own, each through
 * {@code cutover batch} (Spark in its own JVM, or a cluster's spark-submit).
 */
final class BatchLauncher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BatchLauncher.class);
    private static final int RETRIES = 3;
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(5);

    private final List<String> arguments;
    private final ExecutorService runs =
            Executors.newSingleThreadExecutor(
                    r -> {
                        Thread t = new Thread(r, "parity-batch");
                        t.setDaemon(true);
                        return t;
                    });
    private final List<Future<?>> submitted = new ArrayList<>();
    private final AtomicInteger hoursDone = new AtomicInteger();

    /**
     * @param arguments what every {@code cutover batch} gets: the target, the grace, the Spark
     *     options
     */
    BatchLauncher(List<String> arguments) {
        this.arguments = List.copyOf(arguments);
    }

    void submit(BatchSchedule.Run run) {
        List<String> args = new ArrayList<>(arguments);
        if (run.singleHour()) {
            args.addAll(List.of("--hour", run.from().toString()));
        } else {
            args.addAll(List.of("--from", run.from().toString(), "--to", run.to().toString()));
        }
        submitted.add(
                runs.submit(
                        () -> {
                            long t0 = System.nanoTime();
                            StringWriter relayed = new StringWriter();
                            runWithRetries(run, args, relayed);
                            hoursDone.addAndGet(
                                    (int) Duration.between(run.from(), run.to()).toHours());
                            LOG.info(
                                    "batch for {} done in {} s",
                                    run,
                                    Duration.ofNanos(System.nanoTime() - t0).toSeconds());
                            LOG.debug("batch output:\n{}", relayed);
                            return null;
                        }));
    }

    /**
     * Runs one batch; a run that fails on infrastructure (a database or broker restarting) is
     * retried, as an operator would rerun the hour: a rerun is idempotent (batch-baseline README).
     */
    private static void runWithRetries(BatchSchedule.Run run, List<String> args, StringWriter out)
            throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                BatchCommand batch = new BatchCommand();
                CommandLine line = new CommandLine(batch);
                line.setOut(new PrintWriter(out, true));
                line.parseArgs(args.toArray(String[]::new));
                batch.call();
                return;
            } catch (CutoverException e) {
                if (e.exitCode() != ExitCode.INFRASTRUCTURE || attempt == RETRIES) {
                    throw e;
                }
                LOG.warn(
                        "batch for {} failed (attempt {}), rerunning: {}",
                        run,
                        attempt,
                        e.getMessage());
                Thread.sleep(RETRY_PAUSE.toMillis());
            }
        }
    }

    int hoursDone() {
        return hoursDone.get();
    }

    /** Waits for every submitted run; rethrows the first failure. */
    void awaitAll() throws InterruptedException {
        for (Future<?> run : submitted) {
            try {
                run.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof CutoverException c) {
                    throw c;
                }
                throw CutoverException.infrastructure(
                        "the Spark batch failed: " + e.getCause(), e.getCause());
            }
        }
    }

    @Override
    public void close() {
        runs.shutdownNow();
    }
}

package dev.cutover.parity.batch;

import dev.cutover.contract.CutoverException;
import dev.cutover.contract.ExitCode;
import dev.cutover.contract.batch.BatchJobArguments;
import dev.cutover.contract.batch.HourRange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the scheduled hours of the Spark batch one after the other on a thread of its own, through a
 * {@link BatchRunner}. A run that fails on infrastructure (a database or broker restarting) is
 * retried, as an operator would rerun the hour: a rerun is idempotent (batch-baseline README).
 */
public final class BatchHours implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BatchHours.class);
    private static final int ATTEMPTS = 3;
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(5);

    private final BatchRunner runner;
    private final Function<HourRange, BatchJobArguments> arguments;
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
     * @param arguments the arguments of a run of these hours
     */
    public BatchHours(BatchRunner runner, Function<HourRange, BatchJobArguments> arguments) {
        this.runner = runner;
        this.arguments = arguments;
    }

    public void submit(BatchSchedule.Run run) {
        BatchJobArguments hours = arguments.apply(run.hours());
        submitted.add(
                runs.submit(
                        () -> {
                            long t0 = System.nanoTime();
                            List<String> output = new ArrayList<>();
                            runWithRetries(run, hours, output);
                            hoursDone.addAndGet(run.hours().hours().size());
                            LOG.info(
                                    "batch for {} done in {} s",
                                    run,
                                    Duration.ofNanos(System.nanoTime() - t0).toSeconds());
                            LOG.debug("batch output:\n{}", String.join("\n", output));
                            return null;
                        }));
    }

    private void runWithRetries(BatchSchedule.Run run, BatchJobArguments hours, List<String> output)
            throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                runner.run(hours, output::add);
                return;
            } catch (CutoverException e) {
                if (e.exitCode() != ExitCode.INFRASTRUCTURE || attempt == ATTEMPTS) {
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

    public int hoursDone() {
        return hoursDone.get();
    }

    /** Waits for every submitted run; rethrows the first failure. */
    public void awaitAll() throws InterruptedException {
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

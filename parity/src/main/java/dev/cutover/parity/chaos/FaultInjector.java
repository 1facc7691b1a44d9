package dev.cutover.parity.chaos;

import dev.cutover.parity.ParityListener;
import dev.cutover.recon.report.InjectedFault;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link ChaosPlan} while the load runs: each fault once the load's simulated clock has
 * reached its time and the previous fault has recovered, on a thread of its own (the run goes on
 * meanwhile: batches are scheduled, the stream is watched). Faults still due when the load ends run
 * then. Records each fault: kind, when injected, when the service was back, outcome.
 */
public final class FaultInjector implements ParityListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FaultInjector.class);

    private final List<ChaosPlan.PlannedFault> pending;
    private final Map<FaultKind, Fault> faults;
    private final Clock clock;
    private final List<InjectedFault> injected = Collections.synchronizedList(new ArrayList<>());
    private final ExecutorService runner =
            Executors.newSingleThreadExecutor(
                    r -> {
                        Thread t = new Thread(r, "chaos-injector");
                        t.setDaemon(true);
                        return t;
                    });
    private Future<?> running;

    /**
     * @param faults how to inject each kind the plan names
     */
    public FaultInjector(ChaosPlan plan, Map<FaultKind, Fault> faults, Clock clock) {
        for (ChaosPlan.PlannedFault f : plan.faults()) {
            if (!faults.containsKey(f.kind())) {
                throw new IllegalArgumentException("no way to inject " + f.kind().label());
            }
        }
        this.pending = new ArrayList<>(plan.faults());
        this.faults = Map.copyOf(faults);
        this.clock = clock;
    }

    @Override
    public void during(Instant simulated) {
        startDue(simulated);
    }

    /**
     * Starts the next fault when it is due and none is running.
     *
     * @return the fault started, or empty when none is due or one is still running
     */
    synchronized Optional<FaultKind> startDue(Instant simulated) {
        if (running != null && !running.isDone()) {
            return Optional.empty();
        }
        if (pending.isEmpty() || simulated.isBefore(pending.get(0).at())) {
            return Optional.empty();
        }
        ChaosPlan.PlannedFault next = pending.remove(0);
        running = runner.submit(() -> inject(next, simulated));
        return Optional.of(next.kind());
    }

    /** Waits for the running fault, then injects every fault still due, one after the other. */
    @Override
    public void afterLoad() throws InterruptedException {
        await();
        List<ChaosPlan.PlannedFault> rest;
        synchronized (this) {
            rest = new ArrayList<>(pending);
            pending.clear();
        }
        for (ChaosPlan.PlannedFault f : rest) {
            LOG.info("the load ended before {} was due: injecting it now", f.kind().label());
            inject(f, f.at());
        }
    }

    /** Every fault injected so far, in order. */
    @Override
    public List<InjectedFault> faults() {
        synchronized (injected) {
            return List.copyOf(injected);
        }
    }

    @Override
    public void close() {
        runner.shutdownNow();
    }

    private void await() throws InterruptedException {
        Future<?> current;
        synchronized (this) {
            current = running;
        }
        if (current == null) {
            return;
        }
        try {
            current.get();
        } catch (ExecutionException e) {
            // inject() records failures; nothing else can be thrown
            LOG.warn("fault injection: {}", e.getCause().toString());
        }
    }

    private void inject(ChaosPlan.PlannedFault planned, Instant simulated) {
        String kind = planned.kind().label();
        Instant asked = clock.instant();
        LOG.info("chaos: injecting {} (simulated {})", kind, simulated);
        try {
            Fault.Result result = faults.get(planned.kind()).inject();
            Instant back = clock.instant();
            InjectedFault fault =
                    new InjectedFault(
                            kind,
                            result.injectedAt(),
                            back,
                            simulated,
                            result.outcome(),
                            result.restoredCheckpoint(),
                            result.restores());
            injected.add(fault);
            LOG.info(
                    "chaos: {} recovered, down {} ms: {}",
                    kind,
                    fault.downtime().toMillis(),
                    result.outcome());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            injected.add(new InjectedFault(kind, asked, null, simulated, "interrupted"));
        } catch (Exception e) {
            injected.add(new InjectedFault(kind, asked, null, simulated, "failed: " + e));
            LOG.warn("chaos: {} failed: {}", kind, e.toString());
        }
    }
}

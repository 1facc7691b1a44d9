package dev.cutover.cli.generate;

import java.util.ArrayList;
import java.util.List;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * While open, Ctrl-C (SIGINT) and SIGTERM run {@code onStop} instead of ending the JVM, so a run
 * can flush what it sent and still write the truth; closing restores the previous handlers.
 */
final class StopOnSignal implements AutoCloseable {
    private final List<Signal> signals = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();

    StopOnSignal(Runnable onStop) {
        for (String name : new String[] {"INT", "TERM"}) {
            Signal signal = new Signal(name);
            try {
                previous.add(Signal.handle(signal, s -> onStop.run()));
                signals.add(signal);
            } catch (IllegalArgumentException e) {
                // The signal cannot be handled on this platform/JVM: leave it alone.
            }
        }
    }

    @Override
    public void close() {
        for (int i = 0; i < signals.size(); i++) {
            Signal.handle(signals.get(i), previous.get(i));
        }
    }
}

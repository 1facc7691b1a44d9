package dev.cutover.cli.stack;

import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * Waits for Ctrl-C (SIGINT) or SIGTERM. Handling the signals ourselves, instead of letting the JVM
 * exit from a shutdown hook, lets the command stop its services in order and exit 0.
 */
public final class StopSignal {
    private final CountDownLatch received = new CountDownLatch(1);

    public StopSignal() {
        for (String name : new String[] {"INT", "TERM"}) {
            Signal.handle(new Signal(name), signal -> received.countDown());
        }
    }

    public void await() throws InterruptedException {
        received.await();
    }
}

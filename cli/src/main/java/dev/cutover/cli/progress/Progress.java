package dev.cutover.cli.progress;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows the progress of a long step: on a terminal, one line rewritten in place a few times a
 * second; otherwise a plain log line every {@code logInterval}. Commands give it a supplier of the
 * current line and {@link #close()} it when the step ends.
 */
public final class Progress implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Progress.class);
    private static final Duration TERMINAL_INTERVAL = Duration.ofMillis(250);

    private final ScheduledExecutorService timer;
    private final Supplier<String> line;
    private final PrintWriter terminal;
    private int lastLength;

    private Progress(Supplier<String> line, PrintWriter terminal, Duration logInterval) {
        this.line = line;
        this.terminal = terminal;
        this.timer =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "progress");
                            t.setDaemon(true);
                            return t;
                        });
        long period = (terminal != null ? TERMINAL_INTERVAL : logInterval).toMillis();
        timer.scheduleAtFixedRate(this::show, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * Starts showing progress: on {@code terminalOut} when the JVM has a console, else as log
     * lines.
     */
    public static Progress start(
            Supplier<String> line, PrintWriter terminalOut, Duration logInterval) {
        boolean onTerminal = System.console() != null;
        return new Progress(line, onTerminal ? terminalOut : null, logInterval);
    }

    /** Progress rewritten in place on {@code terminal}, whatever the JVM's console (tests). */
    static Progress onTerminal(Supplier<String> line, PrintWriter terminal) {
        return new Progress(line, terminal, TERMINAL_INTERVAL);
    }

    /**
     * What rewrites the previous line (of {@code previousLength} characters) with {@code text}: a
     * carriage return, the text, and spaces over what is left of a longer previous line.
     */
    static String rewrite(String text, int previousLength) {
        return "\r"
                + (text.length() < previousLength
                        ? text + " ".repeat(previousLength - text.length())
                        : text);
    }

    private synchronized void show() {
        if (timer.isShutdown()) {
            return; // a run that waited for close(): nothing may follow the cleared line
        }
        String text;
        try {
            text = line.get();
        } catch (RuntimeException e) {
            return;
        }
        if (terminal != null) {
            terminal.print(rewrite(text, lastLength));
            terminal.flush();
            lastLength = text.length();
        } else {
            LOG.info("{}", text);
        }
    }

    @Override
    public synchronized void close() {
        timer.shutdownNow();
        if (terminal != null && lastLength > 0) {
            terminal.print("\r" + " ".repeat(lastLength) + "\r");
            terminal.flush();
        }
    }

    /** {@code 1h02m03s}, {@code 4m05s}, {@code 12s}. */
    public static String duration(long seconds) {
        if (seconds >= 3600) {
            return String.format("%dh%02dm%02ds", seconds / 3600, seconds / 60 % 60, seconds % 60);
        }
        if (seconds >= 60) {
            return String.format("%dm%02ds", seconds / 60, seconds % 60);
        }
        return seconds + "s";
    }
}

package dev.cutover.launch.flink;

import dev.cutover.contract.CutoverException;
import dev.cutover.contract.Ports;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The Flink job running on a local cluster in a child JVM ({@link FlinkCommandLine}): its options
 * in a mode-600 file deleted once the job has started, its log in a temporary file, checkpoints in
 * a temporary folder removed on {@link #close()}. Used by {@code cutover stream} (which waits for
 * it) and {@code cutover demo} (which stops it when the run is over).
 */
public final class LocalFlinkJob implements AutoCloseable {
    private final Process child;
    private final Path config;
    private final Path checkpoints;
    private final Path log;
    private final int uiPort;
    private final CompletableFuture<String> jobId = new CompletableFuture<>();
    private final Thread stopOnExit;
    private Thread reader;

    private LocalFlinkJob(Process child, Path config, Path checkpoints, Path log, int uiPort) {
        this.child = child;
        this.config = config;
        this.checkpoints = checkpoints;
        this.log = log;
        this.uiPort = uiPort;
        this.stopOnExit = new Thread(child::destroy, "cutover-stream-stop");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    /**
     * Starts the job. {@code onStarted} is called (on a reader thread) once the job runs.
     *
     * @param options every job option (secrets included); an empty or missing {@code
     *     checkpoint.dir} gets a temporary folder
     */
    public static LocalFlinkJob start(
            StreamJarLocator.StreamJar job,
            Map<String, String> options,
            String heap,
            Consumer<LocalFlinkJob> onStarted)
            throws IOException {
        Path config =
                Files.createTempFile(
                        "cutover-stream-",
                        ".properties",
                        PosixFilePermissions.asFileAttribute(
                                PosixFilePermissions.fromString("rw-------")));
        Path log = Files.createTempFile("cutover-stream-", ".log");
        options = new java.util.LinkedHashMap<>(options);
        Path checkpoints = null;
        if (options.getOrDefault("checkpoint.dir", "").isBlank()) {
            // Flink's default in-memory checkpoint storage caps state at 5 MB; this run's
            // checkpoints live in a folder of its own, removed when the run ends.
            checkpoints = Files.createTempDirectory("cutover-stream-checkpoints-");
            options.put("checkpoint.dir", checkpoints.toUri().toString());
        }
        Properties properties = new Properties();
        properties.putAll(options);
        try (Writer writer = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
            properties.store(writer, "cutover stream (deleted when the job has started)");
        }
        int uiPort = Ports.free();
        List<String> command =
                FlinkCommandLine.of(
                        Path.of(System.getProperty("java.home")), job, heap, uiPort, config);
        Process child =
                new ProcessBuilder(command)
                        .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                        .start();
        LocalFlinkJob running = new LocalFlinkJob(child, config, checkpoints, log, uiPort);
        Thread reader = new Thread(() -> running.readOutput(onStarted), "cutover-stream-output");
        reader.setDaemon(true);
        running.reader = reader;
        reader.start();
        return running;
    }

    private void readOutput(Consumer<LocalFlinkJob> onStarted) {
        try (BufferedReader lines =
                new BufferedReader(
                        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("JOB_ID=")) {
                    Files.deleteIfExists(config);
                    String id = line.substring("JOB_ID=".length());
                    jobId.complete(id);
                    onStarted.accept(this);
                }
            }
        } catch (IOException e) {
            // the child went away; waitFor() reports how
        } finally {
            jobId.completeExceptionally(new IllegalStateException("the job's JVM ended"));
        }
    }

    /** Waits until the job runs; throws (exit 3) when its JVM ends first or the time is up. */
    public String awaitJobId(Duration timeout) throws InterruptedException, IOException {
        try {
            return jobId.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw CutoverException.infrastructure(
                    "the Flink job did not start: " + tail(log) + " — whole log: " + log, null);
        } catch (TimeoutException e) {
            throw CutoverException.infrastructure(
                    "the Flink job did not start within " + timeout + " — log: " + log, null);
        }
    }

    /** The job id once it runs. */
    public Optional<String> jobId() {
        return Optional.ofNullable(jobId.getNow(null));
    }

    public boolean isAlive() {
        return child.isAlive();
    }

    /** Waits for the child JVM to end and its output to be read; returns its exit code. */
    public int waitFor() throws InterruptedException {
        int exit = child.waitFor();
        reader.join(10_000);
        return exit;
    }

    /**
     * Like {@link #waitFor()}, but throws (exit 3) when the JVM has not ended within {@code
     * timeout}.
     */
    public int waitFor(Duration timeout) throws InterruptedException {
        if (!child.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw CutoverException.infrastructure(
                    "the Flink job did not finish within " + timeout + " — log: " + log, null);
        }
        reader.join(10_000);
        return child.exitValue();
    }

    public int uiPort() {
        return uiPort;
    }

    public Path log() {
        return log;
    }

    /** The last meaningful line of the child's log. */
    public String tail() throws IOException {
        return tail(log);
    }

    /** Stops the child (SIGTERM, then SIGKILL after 30 s), deletes the config and checkpoints. */
    @Override
    public void close() throws IOException, InterruptedException {
        try {
            if (child.isAlive()) {
                child.destroy();
                if (!child.waitFor(30, TimeUnit.SECONDS)) {
                    child.destroyForcibly();
                    child.waitFor(30, TimeUnit.SECONDS);
                }
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: the child is being stopped
            }
            Files.deleteIfExists(config);
            deleteTree(checkpoints);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        for (int i = lines.size() - 1; i >= 0; i--) {
            String line = lines.get(i).strip();
            if (line.startsWith("cutover-stream:") || line.startsWith("Caused by:")) {
                return line;
            }
        }
        return lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1);
    }
}

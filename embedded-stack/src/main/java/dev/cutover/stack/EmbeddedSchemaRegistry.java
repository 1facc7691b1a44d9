package dev.cutover.stack;

import dev.cutover.contract.ArtifactLocator;
import dev.cutover.contract.CutoverException;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schema registry (Apicurio Registry, Confluent-compatible API) as a child process listening on
 * 127.0.0.1, with its output in {@code schema-registry/registry.log} under the run folder. The
 * child is killed on {@link #close()} and, through a shutdown hook, when this JVM exits or is
 * stopped by SIGTERM/SIGINT. Its storage is in memory: every start begins empty.
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSchemaRegistry.class);

    /** The path of the Confluent-compatible API under the registry's root. */
    public static final String CONFLUENT_API_PATH = "/apis/ccompat/v7";

    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    private final Process process;
    private final Thread shutdownHook;
    private final int port;
    private final Path logFile;
    private final RunFolder ownedFolder;
    private boolean closed;

    private EmbeddedSchemaRegistry(
            Process process, Thread shutdownHook, int port, Path logFile, RunFolder ownedFolder) {
        this.process = process;
        this.shutdownHook = shutdownHook;
        this.port = port;
        this.logFile = logFile;
        this.ownedFolder = ownedFolder;
    }

    /**
     * Starts the registry as {@code options} say ({@code registryJar}, {@code registryPort}, {@code
     * runDir}, {@code startTimeout}) and waits until {@code GET /apis/ccompat/v7/subjects} answers.
     *
     * @throws StackException when the jar is missing, the port taken, or the registry does not come
     *     up in time
     */
    public static EmbeddedSchemaRegistry start(StackOptions options) {
        Path jar = registryJar(options);
        return RunFolder.startAlone(
                options.runDir(), folder -> start(options, jar, folder, folder));
    }

    /**
     * The registry's runner jar, where {@link ArtifactLocator} finds it.
     *
     * @throws StackException of kind {@code BAD_CONFIGURATION} naming every place searched
     */
    static Path registryJar(StackOptions options) {
        try {
            return new ArtifactLocator()
                    .locate(
                            ArtifactLocator.SCHEMA_REGISTRY,
                            options.registryJar(),
                            "the registry jar option");
        } catch (CutoverException e) {
            throw StackException.badConfiguration(e.getMessage(), e);
        }
    }

    static EmbeddedSchemaRegistry start(
            StackOptions options, Path jar, RunFolder folder, RunFolder ownedFolder) {
        int port = ServicePorts.freeOrRequested(options.registryPort(), "Schema registry");
        Path workDir = folder.serviceFolder("schema-registry");
        Path logFile = workDir.resolve("registry.log");
        long startNanos = System.nanoTime();
        Process process = launch(jar, port, workDir, logFile);
        Thread hook = new Thread(() -> kill(process), "schema-registry-" + port + "-killer");
        Runtime.getRuntime().addShutdownHook(hook);
        String baseUrl = baseUrl(port);
        try {
            awaitReady(process, baseUrl, options.startTimeout(), logFile);
        } catch (RuntimeException e) {
            stop(process, hook);
            throw e;
        }
        LOG.info(
                "Schema registry ready at {} in {} ms (pid {}, log {})",
                baseUrl,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos),
                process.pid(),
                logFile);
        return new EmbeddedSchemaRegistry(process, hook, port, logFile, ownedFolder);
    }

    /**
     * The base URL of the Confluent-compatible API: {@code http://127.0.0.1:PORT/apis/ccompat/v7}.
     */
    public String url() {
        return baseUrl(port);
    }

    public int port() {
        return port;
    }

    /** The child process (to check that it is alive, or its pid). */
    public ProcessHandle process() {
        return process.toHandle();
    }

    /** The child's stdout and stderr. */
    public Path logFile() {
        return logFile;
    }

    /**
     * Stops the child (SIGTERM, then SIGKILL after 10 s) and waits until it is gone; idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stop(process, shutdownHook);
            LOG.info("Schema registry on port {} stopped", port);
        } finally {
            if (ownedFolder != null) {
                ownedFolder.deleteIfTemporary();
            }
        }
    }

    private static String baseUrl(int port) {
        return "http://127.0.0.1:" + port + CONFLUENT_API_PATH;
    }

    private static Process launch(Path jar, int port, Path workDir, Path logFile) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command =
                List.of(
                        java.toString(),
                        "-Xmx256m",
                        // C1 only and the serial collector: ready in ~3 s instead of ~4.5 s, and
                        // less CPU taken from Kafka and PostgreSQL starting beside it.
                        "-XX:TieredStopAtLevel=1",
                        "-XX:+UseSerialGC",
                        "-Dquarkus.http.host=127.0.0.1",
                        "-Dquarkus.http.port=" + port,
                        "-jar",
                        jar.toString());
        try {
            return new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
        } catch (IOException e) {
            throw StackException.infrastructure(
                    "Schema registry could not be launched from " + jar + ": " + e, e);
        }
    }

    private static void awaitReady(
            Process process, String baseUrl, Duration timeout, Path logFile) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(baseUrl + "/subjects"))
                        .timeout(Duration.ofSeconds(5))
                        .GET()
                        .build();
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw StackException.infrastructure(
                        "Schema registry exited with code "
                                + process.exitValue()
                                + " before answering at "
                                + baseUrl
                                + "; see "
                                + logFile
                                + lastLine(logFile));
            }
            try {
                HttpResponse<Void> response =
                        client.send(request, HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
                last = "HTTP " + response.statusCode();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw StackException.infrastructure(
                        "Interrupted while waiting for the schema registry at " + baseUrl, e);
            }
            sleep(POLL_INTERVAL);
        }
        throw StackException.infrastructure(
                "Schema registry did not answer at "
                        + baseUrl
                        + " within "
                        + timeout.toSeconds()
                        + " s (last: "
                        + last
                        + "); see "
                        + logFile);
    }

    private static String lastLine(Path logFile) {
        try {
            List<String> lines = Files.readAllLines(logFile);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (!lines.get(i).isBlank()) {
                    return " (last line: " + lines.get(i).strip() + ")";
                }
            }
            return "";
        } catch (IOException | UncheckedIOException e) {
            return "";
        }
    }

    private static void stop(Process process, Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook runs (or ran) anyway
        }
        kill(process);
    }

    /** SIGTERM to the child and its descendants, SIGKILL after a grace period. */
    private static void kill(Process process) {
        if (!process.isAlive()) {
            return;
        }
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        descendants.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn(
                        "Schema registry (pid {}) ignored SIGTERM for {} s; killing it",
                        process.pid(),
                        STOP_GRACE.toSeconds());
                process.destroyForcibly();
                process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw StackException.infrastructure(
                    "Interrupted while waiting for the schema registry");
        }
    }
}

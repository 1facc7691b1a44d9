package dev.cutover.launch.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.contract.CutoverException;
import dev.cutover.contract.Ports;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Spark standalone cluster on this machine, as Spark's {@code sbin} scripts start one: a master
 * JVM ({@code org.apache.spark.deploy.master.Master}) and a worker JVM ({@code
 * org.apache.spark.deploy.worker.Worker}) on the jars of {@code spark-lib/}, bound to 127.0.0.1.
 * They run in a Spark home of their own shaped like a distribution's: {@code jars/} is {@code
 * spark-lib/} (the worker builds its executors' classpath from it) and {@code bin/spark-submit}
 * runs {@code SparkSubmit} on those jars as the distribution's script does, so {@code
 * bin/spark-submit --master }{@link #masterUrl()} submits to this cluster.
 *
 * <p>The folder it works in holds {@code spark-home/}, the JVMs' logs ({@code master.log}, {@code
 * worker.log}) and the worker's {@code work/} folder (each executor's output).
 */
public final class StandaloneSparkCluster implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StandaloneSparkCluster.class);
    private static final String MASTER = "org.apache.spark.deploy.master.Master";
    private static final String WORKER = "org.apache.spark.deploy.worker.Worker";
    private static final String DAEMON_HEAP = "-Xmx256m";

    private final Path dir;
    private final Path home;
    private final int masterPort;
    private final int webUiPort;
    private final List<Process> processes = new ArrayList<>();
    private final Thread stopOnExit;
    private boolean closed;

    private StandaloneSparkCluster(Path dir, Path home, int masterPort, int webUiPort) {
        this.dir = dir;
        this.home = home;
        this.masterPort = masterPort;
        this.webUiPort = webUiPort;
        this.stopOnExit = new Thread(this::destroyAll, "cutover-spark-cluster-stop");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    /**
     * Starts the master and one worker offering {@code cores} cores and {@code memory} (e.g. {@code
     * 1g}: one executor with Spark's default executor memory) in {@code dir}, and waits until the
     * master lists the worker alive.
     */
    public static StandaloneSparkCluster start(
            BatchJarLocator.BatchJar jar, Path dir, int cores, String memory, Duration timeout)
            throws IOException, InterruptedException {
        Path home = sparkHome(jar.sparkLib(), dir.resolve("spark-home"));
        StandaloneSparkCluster cluster =
                new StandaloneSparkCluster(dir, home, Ports.free(), Ports.free());
        try {
            cluster.launch(
                    MASTER,
                    List.of(
                            "--host", "127.0.0.1",
                            "--port", String.valueOf(cluster.masterPort),
                            "--webui-port", String.valueOf(cluster.webUiPort)),
                    Map.of(),
                    dir.resolve("master.log"));
            cluster.launch(
                    WORKER,
                    List.of(
                            "--host",
                            "127.0.0.1",
                            "--port",
                            String.valueOf(Ports.free()),
                            "--webui-port",
                            String.valueOf(Ports.free()),
                            "--cores",
                            String.valueOf(cores),
                            "--memory",
                            memory,
                            "--work-dir",
                            Files.createDirectories(dir.resolve("work")).toString(),
                            cluster.masterUrl()),
                    // Without the Scala version the worker looks for a source build's folders to
                    // put on its executors' classpath ("Cannot find any build directories").
                    Map.of("SPARK_SCALA_VERSION", "2.13"),
                    dir.resolve("worker.log"));
            cluster.awaitWorker(timeout);
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        LOG.info(
                "Spark standalone cluster up: {} (web UI {})",
                cluster.masterUrl(),
                cluster.webUrl());
        return cluster;
    }

    /** {@code spark://127.0.0.1:PORT}: what {@code spark-submit --master} takes. */
    public String masterUrl() {
        return "spark://127.0.0.1:" + masterPort;
    }

    /** The master's web UI (and its {@code /json/} status). */
    public String webUrl() {
        return "http://127.0.0.1:" + webUiPort;
    }

    /** The Spark home: {@code jars/}, {@code bin/spark-submit}. */
    public Path sparkHome() {
        return home;
    }

    /** {@code bin/spark-submit} of the Spark home. */
    public Path sparkSubmit() {
        return home.resolve("bin").resolve("spark-submit");
    }

    /** The folder with the Spark home, the logs and the executors' work folders. */
    public Path dir() {
        return dir;
    }

    /**
     * A Spark home as a distribution lays it out, on the jars Maven resolved: {@code jars/} links
     * to {@code spark-lib/}; {@code bin/spark-submit} runs {@code SparkSubmit} in a JVM with
     * Spark's module flags, its heap from {@code --driver-memory} (as the distribution's launcher
     * sets it), everything on 127.0.0.1 (what {@code conf/spark-env.sh} would set with {@code
     * SPARK_LOCAL_IP}).
     */
    static Path sparkHome(Path sparkLib, Path home) throws IOException {
        Files.createDirectories(home.resolve("bin"));
        Path jars = home.resolve("jars");
        if (!Files.exists(jars)) {
            Files.createSymbolicLink(jars, sparkLib.toAbsolutePath());
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String script =
                String.join(
                        "\n",
                        "#!/usr/bin/env bash",
                        "# spark-submit of this Spark home: SparkSubmit on jars/, as a Spark"
                                + " distribution's bin/spark-submit runs it.",
                        "export SPARK_HOME=" + quote(home.toAbsolutePath().toString()),
                        "export SPARK_LOCAL_IP=127.0.0.1",
                        "memory=1g",
                        "args=(\"$@\")",
                        "for ((i = 0; i + 1 < ${#args[@]}; i++)); do",
                        "  if [ \"${args[i]}\" = --driver-memory ]; then memory=\"${args[i+1]}\";"
                                + " fi",
                        "done",
                        "exec "
                                + quote(java)
                                + " "
                                + String.join(" ", SparkCommandLine.SPARK_JVM_FLAGS)
                                + " -Xmx\"$memory\" -cp \"$SPARK_HOME/jars/*\""
                                + " org.apache.spark.deploy.SparkSubmit \"$@\"",
                        "");
        Path submit = home.resolve("bin").resolve("spark-submit");
        Files.writeString(submit, script, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(submit, PosixFilePermissions.fromString("rwxr-xr-x"));
        return home;
    }

    private static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    private void launch(String mainClass, List<String> args, Map<String, String> env, Path log)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(SparkCommandLine.SPARK_JVM_FLAGS);
        command.add(DAEMON_HEAP);
        command.add("-cp");
        command.add(home.resolve("jars") + "/*");
        command.add(mainClass);
        command.addAll(args);
        ProcessBuilder builder =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("SPARK_HOME", home.toString());
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(env);
        synchronized (this) {
            processes.add(builder.start());
        }
    }

    private void awaitWorker(Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        ObjectMapper json = new ObjectMapper();
        HttpRequest status =
                HttpRequest.newBuilder(URI.create(webUrl() + "/json/"))
                        .timeout(Duration.ofSeconds(10))
                        .GET()
                        .build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (Process p : processes) {
                if (!p.isAlive()) {
                    throw CutoverException.infrastructure(
                            "a Spark JVM ended at start (exit " + p.exitValue() + "); see " + dir,
                            null);
                }
            }
            try {
                HttpResponse<String> answer =
                        http.send(status, HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200
                        && json.readTree(answer.body()).path("aliveworkers").asInt() >= 1) {
                    return;
                }
            } catch (IOException notYet) {
                // the master's web UI is not up yet
            }
            Thread.sleep(250);
        }
        throw CutoverException.infrastructure(
                "the Spark master listed no alive worker within " + timeout + "; see " + dir, null);
    }

    /**
     * Stops the worker, its executors and the master (SIGTERM, then SIGKILL after 20 s). The folder
     * stays for its logs. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running
        }
        destroyAll();
    }

    private synchronized void destroyAll() {
        // The worker first (its executors are its children), then the master.
        List<ProcessHandle> all = new ArrayList<>();
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process p = processes.get(i);
            all.addAll(p.descendants().toList());
            all.add(p.toHandle());
        }
        all.forEach(ProcessHandle::destroy);
        for (ProcessHandle p : all) {
            try {
                p.onExit().get(20, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException stillRunning) {
                p.destroyForcibly();
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}

package dev.cutover.launch.flink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.contract.CutoverException;
import dev.cutover.contract.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
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
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Flink standalone session cluster on this machine, as Flink's own scripts start one: a
 * JobManager JVM ({@code StandaloneSessionClusterEntrypoint}) and a TaskManager JVM ({@code
 * TaskManagerRunner}) on the jars of {@code flink-lib/}, the memory flags from Flink's {@code
 * BashJavaUtils}, everything bound to 127.0.0.1. The job jar is submitted over REST. The
 * TaskManager can be killed with SIGKILL and replaced, as a lost machine would be: the job then
 * restarts from its last checkpoint (its restart strategy, {@code restart.attempts}).
 *
 * <p>The folder it works in holds {@code conf/config.yaml}, the JVMs' logs ({@code jobmanager.log},
 * {@code taskmanager-N.log}) and the checkpoints.
 */
public final class StandaloneFlinkCluster implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StandaloneFlinkCluster.class);
    private static final String RESULT = "BASH_JAVA_UTILS_EXEC_RESULT:";
    private static final String JOB_MANAGER =
            "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
    private static final String TASK_MANAGER =
            "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";

    private final StreamJarLocator.StreamJar job;
    private final Path dir;
    private final Path conf;
    private final int restPort;
    private final List<String> taskManagerParams;
    private final Process jobManager;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final Thread stopOnExit;
    private volatile Process taskManager;
    private int taskManagers;
    private int clients;
    private String jobId;
    private boolean closed;

    private StandaloneFlinkCluster(
            StreamJarLocator.StreamJar job,
            Path dir,
            int restPort,
            List<String> taskManagerParams,
            Process jobManager) {
        this.job = job;
        this.dir = dir;
        this.conf = dir.resolve("conf");
        this.restPort = restPort;
        this.taskManagerParams = taskManagerParams;
        this.jobManager = jobManager;
        this.stopOnExit = new Thread(this::destroyAll, "cutover-flink-cluster-stop");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    /**
     * Starts the JobManager and one TaskManager with {@code slots} slots in {@code dir} and waits
     * until the slots are registered.
     */
    public static StandaloneFlinkCluster start(
            StreamJarLocator.StreamJar job, Path dir, int slots, Duration timeout)
            throws IOException, InterruptedException {
        Path flinkLib = job.requireFlinkLib();
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Files.createDirectories(dir.resolve("checkpoints"));
        int restPort = Ports.free();
        Files.writeString(
                conf.resolve("config.yaml"),
                String.join(
                        "\n",
                        "jobmanager.rpc.address: 127.0.0.1",
                        "jobmanager.rpc.port: " + Ports.free(),
                        "jobmanager.bind-host: 127.0.0.1",
                        "jobmanager.memory.process.size: 700m",
                        "taskmanager.host: 127.0.0.1",
                        "taskmanager.bind-host: 127.0.0.1",
                        "taskmanager.numberOfTaskSlots: " + slots,
                        "taskmanager.memory.process.size: 1400m",
                        "taskmanager.memory.managed.size: 64m",
                        "rest.address: 127.0.0.1",
                        "rest.bind-address: 127.0.0.1",
                        "rest.port: " + restPort,
                        "parallelism.default: " + slots,
                        // A killed TaskManager is noticed within seconds (failed heartbeat RPCs),
                        // not after the default 50 s heartbeat timeout.
                        "heartbeat.interval: 2000",
                        "heartbeat.timeout: 20000",
                        "heartbeat.rpc-failure-threshold: 2",
                        ""));
        String log4j =
                String.join(
                        "\n",
                        "# Each JVM logs to the file named by -Dlog.file (Flink's own scripts do"
                                + " so)",
                        "rootLogger.level = INFO",
                        "rootLogger.appenderRef.file.ref = file",
                        "appender.file.name = file",
                        "appender.file.type = File",
                        "appender.file.fileName = ${sys:log.file}",
                        "appender.file.layout.type = PatternLayout",
                        "appender.file.layout.pattern = %d{HH:mm:ss.SSS} %-5level %c{1} - %m%n",
                        "logger.kafka.name = org.apache.kafka",
                        "logger.kafka.level = WARN",
                        "");
        Files.writeString(conf.resolve("log4j.properties"), log4j);
        // What a distribution's bin/flink reads for its client (flink run), logging to -Dlog.file.
        Files.writeString(conf.resolve("log4j-cli.properties"), log4j);
        // Both computed at once: each is a JVM start.
        CompletableFuture<List<String>> tm =
                CompletableFuture.supplyAsync(
                        () -> resourceParamsUnchecked(flinkLib, conf, "GET_TM_RESOURCE_PARAMS"));
        List<String> jmParams = resourceParams(flinkLib, conf, "GET_JM_RESOURCE_PARAMS");
        List<String> tmParams;
        try {
            tmParams = tm.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        Process jm = launch(flinkLib, conf, JOB_MANAGER, jmParams, dir.resolve("jobmanager.log"));
        StandaloneFlinkCluster cluster =
                new StandaloneFlinkCluster(job, dir, restPort, tmParams, jm);
        try {
            cluster.startTaskManager();
            cluster.awaitSlots(slots, timeout);
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        LOG.info(
                "Flink session cluster up: REST {} ({} slots), folder {}",
                cluster.restUrl(),
                slots,
                dir);
        return cluster;
    }

    /** {@code http://127.0.0.1:PORT}: the REST API and web UI. */
    public String restUrl() {
        return "http://127.0.0.1:" + restPort;
    }

    public int restPort() {
        return restPort;
    }

    /** The checkpoint storage URI to give the job ({@code checkpoint.dir}). */
    public String checkpointDir() {
        return dir.resolve("checkpoints").toUri().toString();
    }

    /**
     * Uploads the job jar and runs it with {@code options} (secrets included: they go in a mode-600
     * file the JobManager reads, deleted once the job is submitted, never in the REST request); a
     * missing {@code checkpoint.dir} gets {@link #checkpointDir()}. Returns the job id.
     */
    public String submit(Map<String, String> options) throws IOException {
        Path config = optionsFile(options);
        try {
            FlinkRestClient submitter = new FlinkRestClient(restUrl());
            String jarId = submitter.upload(job.jar());
            jobId =
                    submitter.run(
                            jarId,
                            FlinkCommandLine.MAIN_CLASS,
                            List.of("--config", config.toString()),
                            0);
        } finally {
            Files.deleteIfExists(config);
        }
        LOG.info("Flink job {} submitted to {}", jobId, restUrl());
        return jobId;
    }

    /**
     * Submits the job as {@code flink run} does ({@link FlinkCommandLine#flinkRun}): Flink's
     * command-line client in a child JVM with this cluster's configuration folder as {@code
     * FLINK_CONF_DIR}, {@code -m} this cluster's REST address, the options (as {@link #submit}
     * takes them) in a mode-600 file the client reads, deleted when it has ended. Returns the job
     * id the client printed; the client's output is in {@code flink-run-N.out} in {@link #dir()}.
     *
     * @throws CutoverException (exit 3) when the client fails, prints no job id or is not done
     *     within {@code timeout}
     */
    public String submitWithFlinkRun(Map<String, String> options, Duration timeout)
            throws IOException, InterruptedException {
        Path config = optionsFile(options);
        String name = "flink-run-" + ++clients;
        Path output = dir.resolve(name + ".out");
        Process client = null;
        try {
            client =
                    FlinkCommandLine.flinkRun(
                                    Path.of(System.getProperty("java.home")),
                                    job,
                                    conf,
                                    "127.0.0.1:" + restPort,
                                    config,
                                    dir.resolve(name + ".log"))
                            .redirectErrorStream(true)
                            .redirectOutput(output.toFile())
                            .start();
            if (!client.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw CutoverException.infrastructure(
                        "flink run did not end within " + timeout + "; see " + output, null);
            }
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            Matcher submitted = FlinkCommandLine.SUBMITTED.matcher(printed);
            if (client.exitValue() != 0 || !submitted.find()) {
                throw CutoverException.infrastructure(
                        "flink run exited with "
                                + client.exitValue()
                                + " without submitting the job: "
                                + clientError(printed)
                                + " (output: "
                                + output
                                + ")",
                        null);
            }
            jobId = submitted.group(1);
        } finally {
            if (client != null && client.isAlive()) {
                client.destroyForcibly();
            }
            Files.deleteIfExists(config);
        }
        LOG.info("Flink job {} submitted to {} with flink run", jobId, restUrl());
        return jobId;
    }

    /** {@code options} in a mode-600 properties file in {@link #dir()}. */
    private Path optionsFile(Map<String, String> options) throws IOException {
        Properties properties = new Properties();
        properties.putAll(options);
        properties.putIfAbsent("checkpoint.dir", checkpointDir());
        Path config =
                Files.createTempFile(
                        dir,
                        "job-",
                        ".properties",
                        PosixFilePermissions.asFileAttribute(
                                PosixFilePermissions.fromString("rw-------")));
        try (Writer writer = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
            properties.store(writer, "cutover stream (deleted when the job is submitted)");
        } catch (IOException e) {
            Files.deleteIfExists(config);
            throw e;
        }
        return config;
    }

    /** The job {@link #submit} started. */
    public String jobId() {
        if (jobId == null) {
            throw new IllegalStateException("no job submitted");
        }
        return jobId;
    }

    /** The job's state ({@code RUNNING}, {@code RESTARTING}, {@code FAILED}, …). */
    public String jobState() throws IOException, InterruptedException {
        return get("/jobs/" + jobId()).path("state").asText();
    }

    /** How many times the job has been restored from a checkpoint. */
    public long restoredCount() throws IOException, InterruptedException {
        return get("/jobs/" + jobId() + "/checkpoints").path("counts").path("restored").asLong();
    }

    /** The id of the checkpoint the job was last restored from, or -1 when never restored. */
    public long lastRestoredCheckpoint() throws IOException, InterruptedException {
        JsonNode restored =
                get("/jobs/" + jobId() + "/checkpoints").path("latest").path("restored");
        return restored.isObject() ? restored.path("id").asLong(-1) : -1;
    }

    /**
     * How many times the job has restarted (its {@code numRestarts} metric): task failures the
     * restart strategy handled, whether or not a checkpoint was restored.
     */
    public long restarts() throws IOException, InterruptedException {
        JsonNode metrics = get("/jobs/" + jobId() + "/metrics?get=numRestarts");
        for (JsonNode metric : metrics) {
            if (metric.path("id").asText().equals("numRestarts")) {
                return metric.path("value").asLong();
            }
        }
        throw new IOException("the job has no numRestarts metric yet");
    }

    /** How many checkpoints of the job have completed. */
    public long completedCheckpoints() throws IOException, InterruptedException {
        return get("/jobs/" + jobId() + "/checkpoints").path("counts").path("completed").asLong();
    }

    /**
     * Waits until the job is {@code RUNNING} with every task running (not only scheduled).
     *
     * @throws CutoverException (exit 3) when the job fails for good, the JobManager dies or the
     *     time is up
     */
    public void awaitRunning(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            requireJobManager();
            try {
                JsonNode job = get("/jobs/" + jobId());
                last = job.path("state").asText();
                if (List.of("FAILED", "CANCELED", "FINISHED").contains(last)) {
                    throw CutoverException.infrastructure(
                            "the Flink job is " + last + ": " + tail(), null);
                }
                if (last.equals("RUNNING") && allTasksRunning(job)) {
                    return;
                }
            } catch (IOException notYet) {
                last = notYet.getMessage();
            }
            Thread.sleep(200);
        }
        throw CutoverException.infrastructure(
                "the Flink job was not running within " + timeout + " (last: " + last + ")", null);
    }

    /**
     * Waits until the job has completed at least {@code count} checkpoints, so a failure after it
     * has a checkpoint to restore.
     */
    public void awaitCompletedCheckpoints(long count, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            requireJobManager();
            try {
                if (completedCheckpoints() >= count) {
                    return;
                }
            } catch (IOException notYet) {
                // the REST endpoint is busy; ask again
            }
            Thread.sleep(200);
        }
        throw CutoverException.infrastructure(
                "the Flink job did not complete " + count + " checkpoints within " + timeout, null);
    }

    /**
     * Kills the TaskManager JVM with SIGKILL and waits until it is gone; returns its pid. The
     * cluster replaces it (see {@link #startTaskManager}).
     */
    public long killTaskManager() throws InterruptedException {
        Process victim = taskManager;
        long pid = victim.pid();
        victim.destroyForcibly();
        if (!victim.waitFor(30, TimeUnit.SECONDS)) {
            throw CutoverException.infrastructure(
                    "the Flink TaskManager (pid " + pid + ") survived SIGKILL", null);
        }
        LOG.info("Flink TaskManager pid {} killed (SIGKILL)", pid);
        return pid;
    }

    /**
     * Starts a TaskManager JVM and supervises it as a cluster manager (Kubernetes, YARN, Managed
     * Flink) would: whenever it ends — killed, or shut down by a fatal error of its own (the JDBC
     * connector's sink can end its TaskManager when the database goes away mid-flush) — a new one
     * is started until the cluster is closed.
     */
    private synchronized void startTaskManager() throws IOException {
        taskManagers++;
        Process started =
                launch(
                        job.requireFlinkLib(),
                        conf,
                        TASK_MANAGER,
                        taskManagerParams,
                        dir.resolve("taskmanager-" + taskManagers + ".log"));
        taskManager = started;
        started.onExit().thenRun(() -> replace(started));
    }

    private synchronized void replace(Process ended) {
        if (closed || taskManager != ended) {
            return;
        }
        LOG.info(
                "Flink TaskManager pid {} ended (exit {}); starting a new one",
                ended.pid(),
                ended.exitValue());
        try {
            startTaskManager();
        } catch (IOException | RuntimeException e) {
            LOG.error("could not start a new Flink TaskManager: {}", e.toString());
        }
    }

    /** The running TaskManager's process id. */
    public long taskManagerPid() {
        return taskManager.pid();
    }

    /**
     * How many TaskManager JVMs this cluster has started: 1 until one ends (killed, or ended by a
     * fatal error of its own) and is replaced.
     */
    public synchronized int taskManagersStarted() {
        return taskManagers;
    }

    public boolean isAlive() {
        return jobManager.isAlive();
    }

    /** The folder with the config, the logs and the checkpoints. */
    public Path dir() {
        return dir;
    }

    /**
     * The configuration folder ({@code config.yaml}, log settings): a client's {@code
     * FLINK_CONF_DIR}.
     */
    public Path confDir() {
        return conf;
    }

    /** The JobManager's log (the job's failures and restarts are there). */
    public Path log() {
        return dir.resolve("jobmanager.log");
    }

    /**
     * Why the job failed, in one line ({@link FlinkRestClient#failureReason(String)}: the job's own
     * line when it gave one, else the first line of the exception Flink reports), or the last line
     * of the JobManager's log.
     */
    public String tail() {
        if (jobId != null) {
            try {
                Optional<String> reason =
                        FlinkRestClient.failureReason(get("/jobs/" + jobId + "/exceptions"));
                if (reason.isPresent()) {
                    return reason.get();
                }
            } catch (IOException | InterruptedException | RuntimeException e) {
                // fall back to the log
            }
        }
        try {
            List<String> lines = Files.readAllLines(log(), StandardCharsets.UTF_8);
            return lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /**
     * Stops both JVMs (SIGTERM, then SIGKILL after 20 s) and deletes the checkpoints; the folder
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
        try (var paths = Files.walk(dir.resolve("checkpoints"))) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("could not delete the checkpoints in {}: {}", dir, e.toString());
        }
    }

    private void destroyAll() {
        List<Process> all = new ArrayList<>();
        if (taskManager != null) {
            all.add(taskManager);
        }
        all.add(jobManager);
        all.forEach(Process::destroy);
        for (Process p : all) {
            try {
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    p.waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private void requireJobManager() {
        if (!jobManager.isAlive()) {
            throw CutoverException.infrastructure(
                    "the Flink JobManager ended (exit "
                            + jobManager.exitValue()
                            + "); see "
                            + log(),
                    null);
        }
    }

    private static boolean allTasksRunning(JsonNode job) {
        JsonNode vertices = job.path("vertices");
        if (!vertices.isArray() || vertices.isEmpty()) {
            return false;
        }
        for (JsonNode vertex : vertices) {
            JsonNode tasks = vertex.path("tasks");
            int parallelism = vertex.path("parallelism").asInt();
            if (tasks.path("RUNNING").asInt() + tasks.path("FINISHED").asInt() < parallelism) {
                return false;
            }
        }
        return true;
    }

    private void awaitSlots(int slots, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            requireJobManager();
            if (!taskManager.isAlive()) {
                throw CutoverException.infrastructure(
                        "the Flink TaskManager ended at start; see " + dir, null);
            }
            try {
                if (get("/overview").path("slots-available").asInt() >= slots) {
                    return;
                }
            } catch (IOException notYet) {
                // the REST endpoint is not up yet
            }
            Thread.sleep(250);
        }
        throw CutoverException.infrastructure(
                "the Flink cluster had no "
                        + slots
                        + " free slots within "
                        + timeout
                        + "; see "
                        + dir,
                null);
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response =
                http.send(
                        HttpRequest.newBuilder(URI.create(restUrl() + path))
                                .timeout(Duration.ofSeconds(10))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(path + " answered HTTP " + response.statusCode());
        }
        return json.readTree(response.body());
    }

    private static Process launch(
            Path flinkLib, Path conf, String mainClass, List<String> params, Path log)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(Arrays.asList(params.get(0).trim().split("\\s+")));
        command.addAll(FlinkCommandLine.FLINK_JVM_FLAGS);
        command.add("-Dlog.file=" + log);
        command.add("-Dlog4j.configurationFile=" + conf.resolve("log4j.properties").toUri());
        command.add("-cp");
        command.add(flinkLib + "/*");
        command.add(mainClass);
        command.add("--configDir");
        command.add(conf.toString());
        if (params.size() > 1 && !params.get(1).isBlank()) {
            command.addAll(Arrays.asList(params.get(1).trim().split("\\s+")));
        }
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(
                        ProcessBuilder.Redirect.appendTo(
                                log.resolveSibling(log.getFileName() + ".out").toFile()))
                .start();
    }

    private static List<String> resourceParamsUnchecked(Path flinkLib, Path conf, String which) {
        try {
            return resourceParams(flinkLib, conf, which);
        } catch (IOException e) {
            throw CutoverException.infrastructure("Flink's BashJavaUtils: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CutoverException.infrastructure("interrupted", e);
        }
    }

    /** The JVM memory flags and dynamic properties Flink's start scripts would pass. */
    private static List<String> resourceParams(Path flinkLib, Path conf, String which)
            throws IOException, InterruptedException {
        Process utils =
                new ProcessBuilder(
                                java(),
                                "-cp",
                                flinkLib + "/*",
                                "org.apache.flink.runtime.util.bash.BashJavaUtils",
                                which,
                                "--configDir",
                                conf.toString())
                        .redirectErrorStream(true)
                        .start();
        String output = new String(utils.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!utils.waitFor(60, TimeUnit.SECONDS) || utils.exitValue() != 0) {
            utils.destroyForcibly();
            throw CutoverException.infrastructure(
                    "Flink's BashJavaUtils " + which + " failed: " + lastLine(output), null);
        }
        List<String> results =
                output.lines()
                        .filter(l -> l.startsWith(RESULT))
                        .map(l -> l.substring(RESULT.length()))
                        .toList();
        if (results.size() < 2) {
            throw CutoverException.infrastructure(
                    "Flink's BashJavaUtils " + which + " gave no parameters: " + lastLine(output),
                    null);
        }
        return results.subList(results.size() - 2, results.size());
    }

    /** The client's first exception line (its cause), else its last line. */
    private static String clientError(String output) {
        return output.lines()
                .filter(l -> l.contains("Exception: "))
                .findFirst()
                .orElseGet(() -> lastLine(output))
                .strip();
    }

    private static String lastLine(String text) {
        List<String> lines = text.strip().lines().toList();
        return lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1);
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}

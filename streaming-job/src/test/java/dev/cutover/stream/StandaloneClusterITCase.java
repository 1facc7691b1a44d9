package dev.cutover.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.model.db.OutputTables;
import dev.cutover.stack.StackEndpoints;
import dev.cutover.stream.Truth.Arrival;
import dev.cutover.testkit.EmbeddedStackTest;
import dev.cutover.testkit.KafkaTopics;
import dev.cutover.testkit.TestSchema;
import dev.cutover.testkit.TestTime;
import dev.cutover.testkit.TestTopic;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proof that the jar works outside the IDE: a standalone Flink session cluster as two JVMs
 * (JobManager {@code StandaloneSessionClusterEntrypoint}, TaskManager {@code TaskManagerRunner}) on
 * the Flink jars Maven resolved ({@code target/flink-lib}), the shaded jar submitted over REST
 * ({@code /jars/upload}, {@code /jars/{id}/run}), rows checked in PostgreSQL.
 */
@EmbeddedStackTest
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class StandaloneClusterITCase {
    private static final Path JAR =
            Path.of(System.getProperty("cutover.stream.jar", "target/cutover-streaming-job.jar"))
                    .toAbsolutePath();
    private static final String FLINK_LIB = JAR.resolveSibling("flink-lib") + "/*";
    private static final String RESULT = "BASH_JAVA_UTILS_EXEC_RESULT:";

    /** Flink's env.java.opts.all for JDK 17 (STACK.md). */
    private static final List<String> MODULE_FLAGS =
            List.of(
                    "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
                    "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
                    "--add-exports=jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED",
                    "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
                    "--add-exports=jdk.compiler/com.sun.tools.javac.parser=ALL-UNNAMED",
                    "--add-exports=jdk.compiler/com.sun.tools.javac.tree=ALL-UNNAMED",
                    "--add-exports=jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED",
                    "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
                    "--add-opens=java.base/java.lang=ALL-UNNAMED",
                    "--add-opens=java.base/java.net=ALL-UNNAMED",
                    "--add-opens=java.base/java.io=ALL-UNNAMED",
                    "--add-opens=java.base/java.nio=ALL-UNNAMED",
                    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
                    "--add-opens=java.base/java.text=ALL-UNNAMED",
                    "--add-opens=java.base/java.time=ALL-UNNAMED",
                    "--add-opens=java.base/java.util=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED",
                    "-Duser.timezone=UTC");

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theShadedJarSubmittedOverRestWritesRowsToPostgres(
            StackEndpoints stack, TestTopic topic, TestSchema schema, @TempDir Path conf)
            throws Exception {
        KafkaTopics.create(stack.kafkaBootstrapServers(), topic.name(), 2);
        OutputTables.migrateSchema(
                stack.jdbcUrl(), stack.jdbcUser(), stack.jdbcPassword(), schema.name());
        List<Arrival> arrivals;
        try (FixtureProducer producer =
                new FixtureProducer(
                        stack.kafkaBootstrapServers(),
                        topic.name(),
                        stack.schemaRegistryUrl(),
                        topic.subject())) {
            StreamJobITCase.sendEvents(producer, new Random(5), 0, 300, TestTime.hourStart(1));
            arrivals = producer.flush();
        }

        int restPort = freePort();
        Files.writeString(
                conf.resolve("config.yaml"),
                String.join(
                        "\n",
                        "jobmanager.rpc.address: 127.0.0.1",
                        "jobmanager.rpc.port: " + freePort(),
                        "jobmanager.bind-host: 127.0.0.1",
                        "jobmanager.memory.process.size: 700m",
                        "taskmanager.host: 127.0.0.1",
                        "taskmanager.bind-host: 127.0.0.1",
                        "taskmanager.numberOfTaskSlots: 2",
                        "taskmanager.memory.process.size: 1100m",
                        "taskmanager.memory.managed.size: 64m",
                        "rest.address: 127.0.0.1",
                        "rest.bind-address: 127.0.0.1",
                        "rest.port: " + restPort,
                        "parallelism.default: 2",
                        ""));
        List<Process> cluster = new ArrayList<>();
        try {
            cluster.add(
                    start(
                            conf,
                            "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
                            "GET_JM_RESOURCE_PARAMS",
                            "jobmanager"));
            cluster.add(
                    start(
                            conf,
                            "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
                            "GET_TM_RESOURCE_PARAMS",
                            "taskmanager"));
            String rest = "http://127.0.0.1:" + restPort;
            awaitSlots(rest, cluster, conf);

            String jarId = upload(rest);
            ObjectNode run =
                    json.createObjectNode().put("entryClass", "dev.cutover.stream.StreamJobMain");
            var args = run.putArray("programArgsList");
            for (String arg :
                    List.of(
                            "--bootstrap.servers=" + stack.kafkaBootstrapServers(),
                            "--topic=" + topic.name(),
                            "--schema.registry.url=" + stack.schemaRegistryUrl(),
                            "--jdbc.url=" + stack.jdbcUrl(),
                            "--jdbc.user=" + stack.jdbcUser(),
                            "--jdbc.password=" + stack.jdbcPassword(),
                            "--jdbc.schema=" + schema.name(),
                            "--bounded=true",
                            "--checkpoint.interval=1s",
                            "--restart.attempts=0")) {
                args.add(arg);
            }
            String jobId =
                    post(rest + "/jars/" + jarId + "/run", run.toString(), "application/json")
                            .path("jobid")
                            .asText();
            assertThat(jobId).hasSize(32);

            String state = awaitTerminal(rest, jobId);
            assertThat(state).as(logs(conf)).isEqualTo("FINISHED");
            assertThat(StreamTables.cardTransactions(stack, schema))
                    .isEqualTo(Truth.cardTransactions(arrivals));
            assertThat(StreamTables.hourlySpend(stack, schema))
                    .isEqualTo(StreamTables.keyed(Truth.hourlySpend(arrivals)));
        } finally {
            for (Process p : cluster) {
                p.destroy();
            }
            for (Process p : cluster) {
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
    }

    /** Starts one cluster JVM with the memory flags and dynamic properties BashJavaUtils gives. */
    private Process start(Path conf, String mainClass, String resourceParams, String name)
            throws Exception {
        List<String> params = resourceParams(conf, resourceParams);
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(Arrays.asList(params.get(0).trim().split("\\s+")));
        command.addAll(MODULE_FLAGS);
        command.add("-cp");
        command.add(FLINK_LIB);
        command.add(mainClass);
        command.add("--configDir");
        command.add(conf.toString());
        if (params.size() > 1 && !params.get(1).isBlank()) {
            command.addAll(Arrays.asList(params.get(1).trim().split("\\s+")));
        }
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(conf.resolve(name + ".log").toFile())
                .start();
    }

    private static List<String> resourceParams(Path conf, String command) throws Exception {
        Process utils =
                new ProcessBuilder(
                                java(),
                                "-cp",
                                FLINK_LIB,
                                "org.apache.flink.runtime.util.bash.BashJavaUtils",
                                command,
                                "--configDir",
                                conf.toString())
                        .redirectErrorStream(true)
                        .start();
        String output = new String(utils.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(utils.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<String> results =
                output.lines()
                        .filter(l -> l.startsWith(RESULT))
                        .map(l -> l.substring(RESULT.length()))
                        .toList();
        assertThat(results).as(output).hasSizeGreaterThanOrEqualTo(2);
        return results.subList(results.size() - 2, results.size());
    }

    private void awaitSlots(String rest, List<Process> cluster, Path conf) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            for (Process p : cluster) {
                assertThat(p.isAlive()).as("cluster process ended: " + logs(conf)).isTrue();
            }
            try {
                JsonNode overview = get(rest + "/overview");
                if (overview.path("slots-available").asInt() >= 2) {
                    return;
                }
            } catch (IOException notYet) {
                // the REST endpoint is not up yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no task slots within 90 s: " + logs(conf));
    }

    private String awaitTerminal(String rest, String jobId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        String state = "";
        while (System.nanoTime() < deadline) {
            state = get(rest + "/jobs/" + jobId).path("state").asText();
            if (List.of("FINISHED", "FAILED", "CANCELED").contains(state)) {
                return state;
            }
            Thread.sleep(250);
        }
        return state;
    }

    private String upload(String rest) throws Exception {
        String boundary = "cutover-" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(
                ("--"
                                + boundary
                                + "\r\n"
                                + "Content-Disposition: form-data; name=\"jarfile\"; filename=\""
                                + JAR.getFileName()
                                + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(Files.readAllBytes(JAR));
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response =
                http.send(
                        HttpRequest.newBuilder(URI.create(rest + "/jars/upload"))
                                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Path.of(json.readTree(response.body()).path("filename").asText())
                .getFileName()
                .toString();
    }

    private JsonNode get(String url) throws Exception {
        HttpResponse<String> response =
                http.send(
                        HttpRequest.newBuilder(URI.create(url)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(url + " answered " + response.statusCode());
        }
        return json.readTree(response.body());
    }

    private JsonNode post(String url, String body, String type) throws Exception {
        HttpResponse<String> response =
                http.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .header("Content-Type", type)
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private static String logs(Path conf) {
        StringBuilder all = new StringBuilder();
        for (String name : List.of("jobmanager.log", "taskmanager.log")) {
            try {
                List<String> lines = Files.readAllLines(conf.resolve(name));
                all.append("\n--- ").append(name).append(" (last lines)\n");
                lines.subList(Math.max(0, lines.size() - 40), lines.size())
                        .forEach(l -> all.append(l).append('\n'));
            } catch (IOException e) {
                all.append("\n--- ").append(name).append(": ").append(e);
            }
        }
        return all.toString();
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

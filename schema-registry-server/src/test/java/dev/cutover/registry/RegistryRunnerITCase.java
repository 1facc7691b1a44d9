package dev.cutover.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.contract.Ports;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Starts the packaged registry ({@code target/quarkus-app/quarkus-run.jar}, or the jar named by the
 * {@code cutover.registry.jar} system property) as a child process, the way the embedded stack
 * does, and talks to its Confluent-compatible API with the JDK HTTP client.
 */
@Timeout(120)
class RegistryRunnerITCase {

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final Duration READY_DEADLINE = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String TXN_V1 =
            "{\"type\":\"record\",\"name\":\"CardTransaction\",\"namespace\":\"dev.cutover.it\","
                + "\"fields\":[{\"name\":\"id\",\"type\":\"long\"},"
                + "{\"name\":\"amount\",\"type\":{\"type\":\"bytes\",\"logicalType\":\"decimal\","
                + "\"precision\":12,\"scale\":2}},"
                + "{\"name\":\"currency\",\"type\":\"string\",\"default\":\"EUR\"}]}";

    private static Process registry;
    private static Path log;
    private static URI base;
    private static HttpClient http;

    @BeforeAll
    static void startRegistry() throws Exception {
        Path jar =
                Path.of(
                        System.getProperty(
                                "cutover.registry.jar", "target/quarkus-app/quarkus-run.jar"));
        assertThat(jar).as("packaged registry (run mvn package first)").isRegularFile();
        int port = Ports.free();
        log = Files.createTempFile("registry-it-", ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        registry =
                new ProcessBuilder(
                                List.of(
                                        java,
                                        "-Xmx256m",
                                        "-Dquarkus.http.host=127.0.0.1",
                                        "-Dquarkus.http.port=" + port,
                                        "-jar",
                                        jar.toAbsolutePath().toString()))
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
        base = URI.create("http://127.0.0.1:" + port + "/apis/ccompat/v7/");
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        awaitReady();
    }

    @AfterAll
    static void stopRegistry() throws Exception {
        if (registry == null) {
            return;
        }
        registry.destroy();
        if (!registry.waitFor(20, TimeUnit.SECONDS)) {
            registry.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(registry.isAlive()).as("registry process after destroy").isFalse();
        Files.deleteIfExists(log);
    }

    @Test
    void registeredAvroSchemaReadsBackById() throws Exception {
        String subject = "it-" + UUID.randomUUID() + "-value";

        int id = register(subject, TXN_V1);
        HttpResponse<String> byId = get("schemas/ids/" + id);

        assertThat(byId.statusCode()).as(byId.body()).isEqualTo(200);
        String returned = JSON.readTree(byId.body()).path("schema").asText();
        assertThat(new Schema.Parser().parse(returned))
                .isEqualTo(new Schema.Parser().parse(TXN_V1));
        assertThat(get("subjects").body()).contains("\"" + subject + "\"");
    }

    @Test
    void sameSchemaUnderTwoSubjectsGetsOneId() throws Exception {
        String schema = TXN_V1.replace("CardTransaction", "Shared" + System.nanoTime());

        int first = register("it-" + UUID.randomUUID() + "-value", schema);
        int second = register("it-" + UUID.randomUUID() + "-value", schema);

        assertThat(second).as("ccompat ids are content ids").isEqualTo(first);
    }

    @Test
    void backwardIncompatibleChangeIsRejected() throws Exception {
        String subject = "it-" + UUID.randomUUID() + "-value";
        register(subject, TXN_V1);
        String newFieldWithoutDefault =
                TXN_V1.replace("]}", ",{\"name\":\"merchant\",\"type\":\"string\"}]}");

        HttpResponse<String> response =
                post("subjects/" + subject + "/versions", newFieldWithoutDefault);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
    }

    private static int register(String subject, String schema) throws Exception {
        HttpResponse<String> response = post("subjects/" + subject + "/versions", schema);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("id").asInt();
    }

    private static HttpResponse<String> post(String path, String schema) throws Exception {
        String body = JSON.createObjectNode().put("schema", schema).toString();
        HttpRequest request =
                HttpRequest.newBuilder(base.resolve(path))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", CONTENT_TYPE)
                        .header("Accept", CONTENT_TYPE)
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                        .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        HttpRequest request =
                HttpRequest.newBuilder(base.resolve(path))
                        .timeout(Duration.ofSeconds(10))
                        .header("Accept", CONTENT_TYPE)
                        .GET()
                        .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Polls {@code GET /subjects} until it answers 200, the process dies, or the deadline. */
    private static void awaitReady() throws Exception {
        long deadline = System.nanoTime() + READY_DEADLINE.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!registry.isAlive()) {
                fail("registry exited with %d:%n%s", registry.exitValue(), logTail());
            }
            try {
                HttpResponse<String> response = get("subjects");
                if (response.statusCode() == 200) {
                    return;
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException e) { // not listening yet
                last = e.toString();
            }
            registry.waitFor(100, TimeUnit.MILLISECONDS); // returns at once if it exits
        }
        fail("registry not ready after %s (last: %s):%n%s", READY_DEADLINE, last, logTail());
    }

    private static String logTail() throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}

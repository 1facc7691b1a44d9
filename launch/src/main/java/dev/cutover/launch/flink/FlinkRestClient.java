package dev.cutover.launch.flink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.contract.CutoverException;
import dev.cutover.contract.stream.StreamJobFailure;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Submits the job jar to a running Flink cluster through its REST API: {@code POST /jars/upload}
 * (multipart), then {@code POST /jars/{id}/run} with the entry class and program arguments.
 */
public final class FlinkRestClient {
    private final URI base;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json = new ObjectMapper();

    public FlinkRestClient(String restUrl) {
        String url = restUrl.endsWith("/") ? restUrl.substring(0, restUrl.length() - 1) : restUrl;
        try {
            this.base = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw CutoverException.badInput("--flink-rest: not a URL: " + restUrl);
        }
        if (base.getScheme() == null || !base.getScheme().startsWith("http")) {
            throw CutoverException.badInput("--flink-rest: expected http(s)://host:port");
        }
    }

    /** The web UI's page of a job. */
    public String jobUrl(String jobId) {
        return base + "/#/job/running/" + jobId + "/overview";
    }

    /** Uploads {@code jar}; returns the cluster's jar id. */
    public String upload(Path jar) {
        String boundary = "cutover-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            body.writeBytes(
                    ("--"
                                    + boundary
                                    + "\r\nContent-Disposition: form-data; name=\"jarfile\";"
                                    + " filename=\""
                                    + jar.getFileName()
                                    + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n")
                            .getBytes(StandardCharsets.UTF_8));
            body.writeBytes(Files.readAllBytes(jar));
            body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw CutoverException.badInput("cannot read " + jar + ": " + e.getMessage());
        }
        JsonNode answer =
                send(
                        HttpRequest.newBuilder(base.resolve(base.getPath() + "/jars/upload"))
                                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                                .build(),
                        "upload the job jar");
        String filename = answer.path("filename").asText("");
        if (filename.isEmpty()) {
            throw CutoverException.infrastructure(
                    "Flink at " + base + " answered the upload without a file name: " + answer,
                    null);
        }
        return Path.of(filename).getFileName().toString();
    }

    /** Runs an uploaded jar; returns the job id. */
    public String run(String jarId, String entryClass, List<String> programArgs, int parallelism) {
        ObjectNode request = json.createObjectNode().put("entryClass", entryClass);
        request.putArray("programArgsList")
                .addAll(
                        programArgs.stream()
                                .map(json::valueToTree)
                                .map(JsonNode.class::cast)
                                .toList());
        if (parallelism > 0) {
            request.put("parallelism", parallelism);
        }
        JsonNode answer =
                send(
                        HttpRequest.newBuilder(
                                        base.resolve(base.getPath() + "/jars/" + jarId + "/run"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(request.toString()))
                                .build(),
                        "run the job");
        String jobId = answer.path("jobid").asText("");
        if (jobId.isEmpty()) {
            throw CutoverException.infrastructure(
                    "Flink at " + base + " did not start the job: " + answer, null);
        }
        return jobId;
    }

    /** The job's state ({@code RUNNING}, {@code RESTARTING}, {@code FAILED}, …). */
    public String jobState(String jobId) {
        return send(
                        HttpRequest.newBuilder(base.resolve(base.getPath() + "/jobs/" + jobId))
                                .GET()
                                .build(),
                        "read the job's state")
                .path("state")
                .asText("UNKNOWN");
    }

    /**
     * Why the job failed, in one line: the job's own line ({@link StreamJobFailure}) when its
     * failure holds one, else the first line of the failure Flink reports ({@code
     * /jobs/{id}/exceptions}); empty when Flink reports none.
     */
    public Optional<String> failureReason(String jobId) {
        return failureReason(
                send(
                        HttpRequest.newBuilder(
                                        base.resolve(
                                                base.getPath() + "/jobs/" + jobId + "/exceptions"))
                                .GET()
                                .build(),
                        "read the job's failure"));
    }

    /**
     * {@link #failureReason(String)} of an answer of {@code /jobs/{id}/exceptions}: its {@code
     * exceptionHistory} (Flink 1.15 and later), newest failure first; Flink 1.x also has the {@code
     * root-exception} field.
     */
    static Optional<String> failureReason(JsonNode exceptions) {
        List<String> traces = new ArrayList<>();
        List<JsonNode> entries = new ArrayList<>();
        exceptions.path("exceptionHistory").path("entries").forEach(entries::add);
        entries.sort(
                Comparator.comparingLong((JsonNode e) -> e.path("timestamp").asLong()).reversed());
        entries.forEach(e -> traces.add(e.path("stacktrace").asText("")));
        traces.add(exceptions.path("root-exception").asText(""));
        for (String trace : traces) {
            Optional<String> reason = StreamJobFailure.reasonIn(trace);
            if (reason.isPresent()) {
                return reason;
            }
        }
        return traces.stream()
                .filter(t -> !t.isBlank())
                .findFirst()
                .map(FlinkRestClient::firstLine);
    }

    /** How many checkpoints of the job have completed ({@code /jobs/{id}/checkpoints}). */
    public long completedCheckpoints(String jobId) {
        return send(
                        HttpRequest.newBuilder(
                                        base.resolve(
                                                base.getPath() + "/jobs/" + jobId + "/checkpoints"))
                                .GET()
                                .build(),
                        "read the job's checkpoints")
                .path("counts")
                .path("completed")
                .asLong();
    }

    /** Cancels the job ({@code PATCH /jobs/{id}?mode=cancel}). */
    public void cancel(String jobId) {
        send(
                HttpRequest.newBuilder(
                                base.resolve(base.getPath() + "/jobs/" + jobId + "?mode=cancel"))
                        .method("PATCH", HttpRequest.BodyPublishers.noBody())
                        .build(),
                "cancel the job");
    }

    private JsonNode send(HttpRequest request, String what) {
        try {
            HttpResponse<String> response =
                    http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw CutoverException.infrastructure(
                        "Flink at "
                                + base
                                + " could not "
                                + what
                                + " (HTTP "
                                + response.statusCode()
                                + "): "
                                + firstLine(response.body()),
                        null);
            }
            String body = response.body();
            return body == null || body.isBlank() ? json.createObjectNode() : json.readTree(body);
        } catch (IOException e) {
            throw CutoverException.infrastructure(
                    "Flink at " + base + " is unreachable (" + what + "): " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CutoverException.infrastructure("interrupted while trying to " + what, e);
        }
    }

    private static String firstLine(String text) {
        String line = text == null ? "" : text.strip().lines().findFirst().orElse("");
        return line.length() > 400 ? line.substring(0, 400) + "…" : line;
    }
}

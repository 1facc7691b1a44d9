package dev.cutover.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.cli.CliProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cutover demo --chaos --keep-running} as users run it, one simulated hour: while the load
 * runs the Flink TaskManager is killed twice, Kafka and PostgreSQL restarted once each. The run
 * still ends with PASS and zero unexplained differences, the four reports, the stream holding every
 * transaction of the truth, and report.json listing the four faults with their times; the job is
 * then left running, listed by the web UI the demo prints, until SIGTERM ends the demo with exit 0.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class ChaosDemoITCase {
    @TempDir Path temp;

    @Test
    void faultsDuringTheLoadLeaveNoUnexplainedDifference() throws Exception {
        Path reports = temp.resolve("report");
        try (CliProcess demo =
                CliProcess.start(
                        temp,
                        Map.of(),
                        "demo",
                        "--chaos",
                        "--hours",
                        "1",
                        "--rate",
                        "150",
                        "--speedup",
                        "90",
                        "--late-delay",
                        "5m..30m",
                        "--report-dir",
                        reports.toString(),
                        "--keep-running")) {
            // --keep-running leaves the job up and prints where: its web UI lists it, running
            // (the cluster's page of the job; its REST API answers on the same address)
            URI webUi = URI.create(demo.awaitReady().get("FLINK_WEB_UI"));
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> page =
                    http.send(
                            HttpRequest.newBuilder(webUi).build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            HttpResponse<String> jobs =
                    http.send(
                            HttpRequest.newBuilder(webUi.resolve("/jobs/overview")).build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(jobs.statusCode()).isEqualTo(200);
            JsonNode overview = new ObjectMapper().readTree(jobs.body());
            assertThat(overview.path("jobs").findValuesAsText("state")).containsExactly("RUNNING");
            assertThat(overview.path("jobs").findValuesAsText("name"))
                    .containsExactly("cutover-stream");

            demo.terminate();
            assertThat(demo.awaitExit(Duration.ofSeconds(60))).as(demo.output()).isZero();
            assertThat(demo.stdout())
                    .contains("verdict: PASS", "unexplained differences: 0", "report.html");
        }
        for (String file : List.of("report.html", "report.md", "report.json", "junit.xml")) {
            assertThat(reports.resolve(file)).as(file).isNotEmptyFile();
        }
        JsonNode json = new ObjectMapper().readTree(reports.resolve("report.json").toFile());
        assertThat(json.at("/summary/unexplained").asLong()).isZero();

        JsonNode faults = json.at("/report/faults");
        List<String> kinds = new ArrayList<>();
        for (JsonNode f : faults) {
            kinds.add(f.path("kind").asText());
            Instant at = Instant.parse(f.path("started_at").asText());
            Instant back = Instant.parse(f.path("recovered_at").asText());
            assertThat(back).as(f.toString()).isAfter(at);
            assertThat(f.path("downtime_ms").asLong()).as(f.toString()).isPositive();
        }
        assertThat(kinds)
                .as(faults.toString())
                .containsExactlyInAnyOrder(
                        "flink-taskmanager-kill",
                        "flink-taskmanager-kill",
                        "kafka-restart",
                        "postgres-restart");
        // What Flink's REST API reported once each TaskManager kill had recovered: the job was
        // restored from a completed checkpoint, one more time than before (a service restart in
        // between may cost a restore of its own).
        List<Long> restores = new ArrayList<>();
        for (JsonNode f : faults) {
            if (f.path("kind").asText().equals("flink-taskmanager-kill")) {
                assertThat(f.path("restored_checkpoint").asLong()).as(f.toString()).isPositive();
                restores.add(f.path("restores").asLong());
            }
        }
        assertThat(restores).as(faults.toString()).hasSize(2);
        assertThat(restores.get(0)).as(faults.toString()).isPositive();
        assertThat(restores.get(1)).as(faults.toString()).isGreaterThan(restores.get(0));
        assertThat(Files.readString(reports.resolve("report.md"))).contains("## Faults injected");

        JsonNode streamVsTruth = null;
        for (JsonNode table : json.at("/summary/tables")) {
            if (table.path("name").asText().equals("stream vs truth: card_transactions")) {
                streamVsTruth = table;
            }
        }
        assertThat(streamVsTruth).as(json.at("/summary/tables").toString()).isNotNull();
        long truthRows = streamVsTruth.at("/right/rows").asLong();
        assertThat(truthRows).isPositive();
        assertThat(streamVsTruth.at("/left/rows").asLong()).isEqualTo(truthRows);
        assertThat(streamVsTruth.path("matched_rows").asLong()).isEqualTo(truthRows);
        assertThat(streamVsTruth.path("unexplained").asLong()).isZero();
    }
}

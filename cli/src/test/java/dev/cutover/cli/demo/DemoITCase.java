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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cutover demo} as users run it, one simulated hour at a small rate and a high speedup: exit
 * 0, the four reports, zero unexplained differences, every transaction in every pipeline; and the
 * same demo with a deliberately broken stream transform: exit 1, and the report names the column
 * and the rows.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class DemoITCase {
    private static final List<String> ONE_HOUR =
            List.of(
                    "demo",
                    "--hours",
                    "1",
                    "--rate",
                    "1000",
                    "--speedup",
                    "600",
                    "--late-delay",
                    "5m..30m",
                    "--stream-heap",
                    "512m");

    @TempDir Path temp;

    @Test
    void oneSimulatedHourEndsWithParityAndTheFourReports() throws Exception {
        Path reports = temp.resolve("report");
        try (CliProcess demo = CliProcess.start(temp, Map.of(), args(reports, "--keep-running"))) {
            // --keep-running leaves the job up and prints where: its web UI lists it, running
            Map<String, String> endpoints = demo.awaitReady();
            HttpResponse<String> jobs =
                    HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(
                                                    URI.create(
                                                            endpoints.get("FLINK_WEB_UI")
                                                                    + "/jobs/overview"))
                                            .build(),
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
        JsonNode summary = new ObjectMapper().readTree(reports.resolve("report.json").toFile());
        assertThat(summary.at("/summary/verdict").asText()).isEqualTo("PASS");
        assertThat(summary.at("/summary/unexplained").asLong()).isZero();
        // 1 h × 1000/s ÷ 600 = 6000 records, minus duplicates and poison
        for (JsonNode table : summary.at("/summary/tables")) {
            if (table.path("name").asText().endsWith("card_transactions")) {
                assertThat(table.at("/left/rows").asLong())
                        .as(table.path("name").asText())
                        .isBetween(5000L, 6000L);
            }
        }
    }

    @Test
    void aBrokenStreamTransformFailsTheGateNamingTheColumnAndRows() throws Exception {
        Path reports = temp.resolve("report");
        try (CliProcess demo =
                CliProcess.start(
                        temp,
                        Map.of(),
                        args(
                                reports,
                                "--inject-defect",
                                "fx-round-down",
                                "--policy",
                                Path.of("../examples/gate.yaml").toAbsolutePath().toString()))) {
            assertThat(demo.awaitExit(Duration.ofSeconds(270))).as(demo.output()).isEqualTo(1);
            // the shipped gate fails it, naming rows of the wrong column
            assertThat(demo.stdout())
                    .contains("verdict: FAIL", "FAIL stream vs batch")
                    .containsPattern("FAIL stream vs truth: card_transactions: .*amount_usd");
        }
        JsonNode report = new ObjectMapper().readTree(reports.resolve("report.json").toFile());
        JsonNode streamVsTruth = comparison(report, "stream vs truth: card_transactions");
        // rounding down differs from HALF_EVEN on about half of the non-USD rows, only there
        assertThat(streamVsTruth.at("/result/column_mismatches/amount_usd").asLong())
                .isGreaterThan(100);
        assertThat(streamVsTruth.at("/result/column_mismatches").size()).isEqualTo(1);
        assertThat(streamVsTruth.at("/result/unexplained").asLong()).isGreaterThan(100);
        JsonNode sample = streamVsTruth.at("/result/mismatches/0");
        assertThat(sample.at("/key/transaction_id").asText()).isNotBlank();
        assertThat(sample.path("cells").findValuesAsText("column")).contains("amount_usd");
        String markdown = Files.readString(reports.resolve("report.md"));
        assertThat(markdown).contains("amount_usd", sample.at("/key/transaction_id").asText());
        assertThat(Files.readString(reports.resolve("junit.xml"))).contains("<failure");
        // the batch, untouched, still equals the truth
        assertThat(
                        comparison(report, "truth vs batch: card_transactions")
                                .at("/result/unexplained")
                                .asLong())
                .isZero();
    }

    private static String[] args(Path reports, String... more) {
        List<String> args = new java.util.ArrayList<>(ONE_HOUR);
        args.addAll(List.of("--report-dir", reports.toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private static JsonNode comparison(JsonNode report, String name) {
        for (JsonNode c : report.at("/report/comparisons")) {
            if (c.path("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no comparison " + name + " in the report");
    }
}

package dev.cutover.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.cli.CliProcess;
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
 * {@code cutover demo} as users run it, one simulated hour at a small rate and a high speedup, with
 * a deliberately broken stream transform and the shipped gate: exit 1, and the report names the
 * column and the rows (a healthy demo passing is {@link ChaosDemoITCase}, with faults on top).
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

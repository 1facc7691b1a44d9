package dev.cutover.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.cli.CliProcess;
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
 * {@code cutover demo --chaos} as users run it, one simulated hour: while the load runs the Flink
 * TaskManager is killed twice, Kafka and PostgreSQL restarted once each. The run still ends with
 * exit 0 and zero unexplained differences, the stream holds every transaction of the truth, and
 * report.json lists the four faults with their times.
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
                        reports.toString())) {
            assertThat(demo.awaitExit(Duration.ofSeconds(300))).as(demo.output()).isZero();
            assertThat(demo.stdout()).contains("verdict: PASS", "unexplained differences: 0");
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

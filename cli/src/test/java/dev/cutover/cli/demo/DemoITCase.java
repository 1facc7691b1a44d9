package dev.cutover.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cutover demo} as users run it: a process from the source tree (it finds the Flink and
 * Spark jobs' jars there), one simulated hour at a small rate and a high speedup. Exit 0, the four
 * reports, zero unexplained differences, and every transaction in every pipeline.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class DemoITCase {
    private static final Path CLI_JAR =
            Path.of(System.getProperty("cutover.cli.jar", "target/cutover-cli.jar"));

    @TempDir Path temp;
    private Process process;

    @AfterEach
    void killLeftovers() {
        if (process != null && process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    @Test
    void oneSimulatedHourEndsWithParityAndTheFourReports() throws Exception {
        Path reports = temp.resolve("report");
        process =
                start(
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
                        "512m",
                        "--report-dir",
                        reports.toString());

        assertThat(process.waitFor(270, TimeUnit.SECONDS)).as("the demo ends").isTrue();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(stdout + stderr()).isZero();
        assertThat(stdout).contains("verdict: PASS", "unexplained differences: 0", "report.html");
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

    private Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-jar");
        command.add(CLI_JAR.toAbsolutePath().toString());
        command.addAll(List.of(args));
        // From the module folder: the jobs' jars are found in ../streaming-job/target and
        // ../batch-baseline/target (the reactor builds them before this module).
        return new ProcessBuilder(command)
                .directory(Path.of("").toAbsolutePath().toFile())
                .redirectError(temp.resolve("stderr.txt").toFile())
                .start();
    }

    private String stderr() throws IOException {
        Path file = temp.resolve("stderr.txt");
        return Files.exists(file) ? Files.readString(file) : "";
    }
}

package dev.cutover.recon.report;

import dev.cutover.recon.ReconException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes the four renderings of one report into a directory. */
public final class ReportWriter {
    private ReportWriter() {}

    public static List<Path> write(ReconciliationReport report, Path directory) {
        try {
            Files.createDirectories(directory);
            Path html = write(directory.resolve("report.html"), HtmlRenderer.render(report));
            Path md = write(directory.resolve("report.md"), MarkdownRenderer.render(report));
            Path json = write(directory.resolve("report.json"), JsonRenderer.render(report));
            Path junit = write(directory.resolve("junit.xml"), JunitRenderer.render(report));
            return List.of(html, md, json, junit);
        } catch (IOException e) {
            throw ReconException.badInput(
                    "--report-dir " + directory + ": cannot write: " + e.getMessage());
        }
    }

    /** Writes the summary ({@link SummaryJson}) to {@code file}. */
    public static void writeSummary(ReconciliationReport report, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            write(file, Json.MAPPER.writeValueAsString(SummaryJson.of(report)) + "\n");
        } catch (IOException e) {
            throw ReconException.badInput("--json " + file + ": cannot write: " + e.getMessage());
        }
    }

    private static Path write(Path file, String text) throws IOException {
        return Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}

package dev.cutover.recon.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Golden files pin the HTML, Markdown and JSON output. After an intended change, regenerate them
 * with {@code mvn -pl reconciliation -am test -Dtest=RenderersTest -Dcutover.golden.update=true
 * -Dsurefire.failIfNoSpecifiedTests=false} and read the difference.
 */
class RenderersTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private final ReconciliationReport report = ReportFixture.sample();

    @Test
    void markdownMatchesTheGoldenFile() throws IOException {
        assertGolden("report.md", MarkdownRenderer.render(report));
    }

    @Test
    void htmlMatchesTheGoldenFile() throws IOException {
        assertGolden("report.html", HtmlRenderer.render(report));
    }

    @Test
    void htmlAndMarkdownShowTheSameSectionsInTheSameOrder() {
        String html = HtmlRenderer.render(report);
        String md = MarkdownRenderer.render(report);
        String[] sections = {
            "Why it fails", "Table pairs", "Latency", "stream vs batch: card_transactions", "Checks"
        };
        assertThat(html).containsSubsequence(sections);
        assertThat(md).containsSubsequence(sections);
    }

    @Test
    void explainedDifferencesAreNeverColouredAsFailures() {
        String html = HtmlRenderer.render(report);
        // the pair table's explained count (50 late arrivals) is amber, its unexplained count red
        assertThat(html)
                .contains("<td class=\"num explained\">50</td>")
                .contains("<td class=\"num bad\">16</td>")
                .doesNotContain("<td class=\"num bad\">50</td>");
    }

    @Test
    void jsonMatchesTheGoldenFile() throws IOException {
        assertGolden("report.json", JsonRenderer.render(report));
    }

    @Test
    void summaryJsonHasEveryRequiredField() {
        JsonNode summary = SummaryJson.of(report);
        JsonNode table = summary.get("tables").get(0);
        for (String field :
                new String[] {
                    "matched_rows",
                    "mismatched_rows",
                    "only_in_left",
                    "only_in_right",
                    "duplicate_keys_left",
                    "duplicate_keys_right",
                    "null_keys_left",
                    "null_keys_right",
                    "column_mismatches",
                    "explained",
                    "unexplained",
                    "verdict"
                }) {
            assertThat(table.has(field)).as(field).isTrue();
        }
        assertThat(table.at("/left/rows").asLong()).isEqualTo(12_040);
        assertThat(table.at("/right/rows").asLong()).isEqualTo(11_990);
        assertThat(table.at("/explained/late-arrival").asLong()).isEqualTo(50);
        assertThat(table.get("unexplained").asLong()).isEqualTo(16);
        assertThat(summary.get("verdict").asText()).isEqualTo("FAIL");
    }

    @Test
    void junitHasOneCasePerCheckAndHourWithReasons() throws Exception {
        String xml = JunitRenderer.render(report);
        Document document =
                DocumentBuilderFactory.newInstance()
                        .newDocumentBuilder()
                        .parse(
                                new java.io.ByteArrayInputStream(
                                        xml.getBytes(StandardCharsets.UTF_8)));
        NodeList cases = document.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(report.checks().size());
        NodeList failures = document.getElementsByTagName("failure");
        assertThat(failures.getLength()).isEqualTo(report.failures().size()).isGreaterThan(0);
        assertThat(((Element) failures.item(0)).getAttribute("message")).contains("unexplained");
        assertThat(xml).contains("name=\"hour 2026-11-23T11:00:00Z\"");
    }

    @Test
    void htmlIsSelfContainedAndEscapesWhatItShows() throws IOException {
        String html = HtmlRenderer.render(report);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/report-fixture.html"), html);
        assertThat(html).startsWith("<!DOCTYPE html>");
        assertThat(html).doesNotContain("src=\"http", "href=\"http", "<script", "<link");
        assertThat(html).contains("<svg", "<polyline", "class=\"bad\"", "FAIL");
        assertThat(html).contains("txn-&lt;b&gt;|pipe").doesNotContain("txn-<b>");
    }

    private static void assertGolden(String name, String actual) throws IOException {
        Path file = GOLDEN.resolve(name);
        if (Boolean.getBoolean("cutover.golden.update")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(file, actual);
        }
        try (InputStream in = RenderersTest.class.getResourceAsStream("/golden/" + name)) {
            String expected =
                    in == null
                            ? Files.readString(file)
                            : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(actual).isEqualTo(expected);
        }
    }
}

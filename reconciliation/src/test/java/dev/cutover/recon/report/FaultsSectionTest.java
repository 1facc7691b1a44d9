package dev.cutover.recon.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The "faults injected" section of a chaos run, in every renderer; absent without faults. */
class FaultsSectionTest {
    private static final Instant T0 = Instant.parse("2026-11-24T02:00:00Z");
    private final List<InjectedFault> faults =
            List.of(
                    new InjectedFault(
                            "flink-taskmanager-kill",
                            T0,
                            T0.plusMillis(12_500),
                            Instant.parse("2026-11-24T00:10:00Z"),
                            "job restored from checkpoint 4"),
                    new InjectedFault(
                            "postgres-restart",
                            T0.plusSeconds(30),
                            null,
                            Instant.parse("2026-11-24T00:40:00Z"),
                            "failed: <did not come back>"));
    private final ReconciliationReport report = ReportFixture.sample().withFaults(faults);

    @Test
    void jsonListsEachFaultWithItsTimes() throws Exception {
        JsonNode listed = Json.MAPPER.readTree(JsonRenderer.render(report)).at("/report/faults");
        assertThat(listed).hasSize(2);
        assertThat(listed.get(0).path("kind").asText()).isEqualTo("flink-taskmanager-kill");
        assertThat(listed.get(0).path("started_at").asText()).isEqualTo("2026-11-24T02:00:00Z");
        assertThat(listed.get(0).path("recovered_at").asText())
                .isEqualTo("2026-11-24T02:00:12.500Z");
        assertThat(listed.get(0).path("downtime_ms").asLong()).isEqualTo(12_500);
        assertThat(listed.get(1).path("recovered_at").isNull()).isTrue();
    }

    @Test
    void markdownAndHtmlHaveTheSection() {
        assertThat(MarkdownRenderer.render(report))
                .contains("## Faults injected")
                .contains("| flink-taskmanager-kill | 2026-11-24T02:00:00Z |")
                .contains("12.50 s");
        assertThat(HtmlRenderer.render(report))
                .contains("<h2>Faults injected</h2>")
                .contains("failed: &lt;did not come back&gt;");
    }

    @Test
    void aRunWithoutFaultsHasNoSection() throws Exception {
        ReconciliationReport plain = ReportFixture.sample();
        assertThat(MarkdownRenderer.render(plain)).doesNotContain("Faults injected");
        assertThat(HtmlRenderer.render(plain)).doesNotContain("Faults injected");
        assertThat(Json.MAPPER.readTree(JsonRenderer.render(plain)).at("/report").has("faults"))
                .isFalse();
    }
}

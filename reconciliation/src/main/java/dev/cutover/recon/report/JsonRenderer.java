package dev.cutover.recon.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/** {@code report.json}: the summary and the whole typed report, machine-readable. */
public final class JsonRenderer {
    private JsonRenderer() {}

    public static String render(ReconciliationReport report) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.set("summary", SummaryJson.of(report));
        root.set("report", Json.MAPPER.valueToTree(report));
        try {
            return Json.MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}

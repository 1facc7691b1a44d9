package dev.cutover.recon.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code junit.xml}: one test suite per table pair (and {@code latency}, {@code history}), one test
 * case per check and per hour; failures carry the reason. Any CI shows parity as tests.
 */
public final class JunitRenderer {
    private JunitRenderer() {}

    public static String render(ReconciliationReport report) {
        Map<String, List<Check>> suites = new LinkedHashMap<>();
        for (Check check : report.checks()) {
            suites.computeIfAbsent(check.suite(), s -> new java.util.ArrayList<>()).add(check);
        }
        long failures = report.checks().stream().filter(c -> !c.passed()).count();
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append("<testsuites name=\"cutover reconciliation\" tests=\"")
                .append(report.checks().size())
                .append("\" failures=\"")
                .append(failures)
                .append("\">\n");
        for (Map.Entry<String, List<Check>> suite : suites.entrySet()) {
            long suiteFailures = suite.getValue().stream().filter(c -> !c.passed()).count();
            xml.append("  <testsuite name=\"")
                    .append(Format.html(suite.getKey()))
                    .append("\" tests=\"")
                    .append(suite.getValue().size())
                    .append("\" failures=\"")
                    .append(suiteFailures)
                    .append("\" errors=\"0\" skipped=\"0\">\n");
            for (Check check : suite.getValue()) {
                xml.append("    <testcase classname=\"cutover.")
                        .append(Format.html(suite.getKey()))
                        .append("\" name=\"")
                        .append(Format.html(check.name()))
                        .append("\">");
                if (check.passed()) {
                    xml.append("<system-out>")
                            .append(Format.html(check.message()))
                            .append("</system-out>");
                } else {
                    xml.append("\n      <failure message=\"")
                            .append(Format.html(check.message()))
                            .append("\" type=\"parity\">")
                            .append(Format.html(check.message()))
                            .append("</failure>\n    ");
                }
                xml.append("</testcase>\n");
            }
            xml.append("  </testsuite>\n");
        }
        return xml.append("</testsuites>\n").toString();
    }
}

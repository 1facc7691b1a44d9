package dev.cutover.cli.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.cutover.cli.CliProcess;
import dev.cutover.recon.db.ConnectionSpec;
import dev.cutover.recon.history.RunHistory;
import dev.cutover.stack.EmbeddedStack;
import dev.cutover.stack.Service;
import dev.cutover.stack.StackOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI workflow example cannot rot: its gate step, read from {@code
 * .github/workflows/cutover-gate.yml}, runs as written (command line, environment, {@code
 * examples/gate.yaml}) against a database whose stream, batch and truth tables agree and whose run
 * history holds the day of clean hours the policy asks for: PASS, and the {@code junit.xml} the
 * next step publishes. The same step on a stream with one wrong amount: exit 1 naming the row.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class GateWorkflowITCase {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final String PASSWORD = "it-Pa55word-2291";
    private static final int HOURS = 2;
    private static final int TRANSACTIONS = 1_200;

    private static EmbeddedStack stack;

    @TempDir Path checkout;

    @BeforeAll
    static void start() {
        stack = EmbeddedStack.start(StackOptions.defaults().withServices(Service.POSTGRES));
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void theWorkflowsGateStepPassesAHealthyPipelineAndNamesABrokenRow() throws Exception {
        JsonNode step = gateStep();
        Instant firstHour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(4));
        AgreeingTables.create(
                stack.jdbcUrl(), stack.jdbcUser(), PASSWORD, firstHour, HOURS, TRANSACTIONS);
        cleanHistory(firstHour);
        // The workflow runs in a checkout: the gate reads examples/gate.yaml from there.
        Files.createDirectories(checkout.resolve("examples"));
        Files.copy(REPO.resolve("examples/gate.yaml"), checkout.resolve("examples/gate.yaml"));

        Run healthy = run(step);
        assertThat(healthy.exit()).as(healthy.output()).isZero();
        assertThat(healthy.output()).contains("PASS");
        Path junit = checkout.resolve("target/cutover-report/junit.xml");
        assertThat(junit).isNotEmptyFile();
        assertThat(Files.readString(junit)).contains("<testcase").doesNotContain("<failure");

        execute(
                "UPDATE stream.card_transactions SET amount_usd = amount_usd + 1"
                        + " WHERE transaction_id = 'txn-00042'");
        Run broken = run(step);
        assertThat(broken.exit()).as(broken.output()).isEqualTo(1);
        assertThat(broken.output()).contains("FAIL", "txn-00042");
        assertThat(Files.readString(junit)).contains("<failure");
    }

    /** The step named "Reconcile and gate" of the workflow, as GitHub Actions reads it. */
    private static JsonNode gateStep() throws Exception {
        JsonNode workflow =
                new ObjectMapper(new YAMLFactory())
                        .readTree(REPO.resolve(".github/workflows/cutover-gate.yml").toFile());
        for (JsonNode step : workflow.at("/jobs/gate/steps")) {
            if (step.path("name").asText().equals("Reconcile and gate")) {
                return step;
            }
        }
        throw new AssertionError("no step 'Reconcile and gate' in the workflow");
    }

    private record Run(int exit, String output) {}

    /** The step's {@code run} script (one command, lines joined by {@code \}) with its env. */
    private Run run(JsonNode step) throws Exception {
        List<String> words =
                new ArrayList<>(
                        Arrays.asList(
                                step.path("run")
                                        .asText()
                                        .replace("\\\n", " ")
                                        .trim()
                                        .split("\\s+")));
        assertThat(words.get(0)).isEqualTo("./cutover");
        Map<String, String> env = new HashMap<>();
        step.path("env")
                .fields()
                .forEachRemaining(
                        e ->
                                env.put(
                                        e.getKey(),
                                        switch (e.getValue().asText()) {
                                            case "${{ secrets.CUTOVER_JDBC_URL }}" ->
                                                    stack.jdbcUrl();
                                            case "${{ secrets.CUTOVER_JDBC_USER }}" ->
                                                    stack.jdbcUser();
                                            case "${{ secrets.CUTOVER_JDBC_PASSWORD }}" -> PASSWORD;
                                            default -> e.getValue().asText();
                                        }));
        assertThat(env).containsOnlyKeys("JDBC_URL", "JDBC_USER", "JDBC_PASSWORD");
        try (CliProcess gate =
                CliProcess.startIn(
                        checkout, env, words.subList(1, words.size()).toArray(String[]::new))) {
            int exit = gate.awaitExit(Duration.ofSeconds(150));
            String output = gate.output();
            assertThat(output).doesNotContain(PASSWORD);
            return new Run(exit, output);
        }
    }

    /**
     * The history a gate that has run hourly for a day would have: 24 clean hours before the
     * tables' first hour, so the burn-in counts them with the hours this run adds.
     */
    private static void cleanHistory(Instant firstHour) throws SQLException {
        new RunHistory(new ConnectionSpec(stack.jdbcUrl(), stack.jdbcUser(), PASSWORD)).migrate();
        execute(
                "INSERT INTO cutover.reconciliation_runs (run_id, started_at, verdict, unexplained,"
                        + " summary) VALUES (1, now() - interval '1 day', 'PASS', 0, '{}')");
        try (Connection c = connect();
                PreparedStatement hours =
                        c.prepareStatement(
                                "INSERT INTO cutover.reconciliation_run_hours (run_id, hour_start,"
                                        + " matched, explained, unexplained)"
                                        + " SELECT 1, ?::timestamptz - g * interval '1 hour', 600,"
                                        + " 0, 0 FROM generate_series(1, 24) g")) {
            hours.setTimestamp(1, Timestamp.from(firstHour));
            hours.execute();
        }
        execute("SELECT setval('cutover.reconciliation_runs_run_id_seq', 1)");
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(stack.jdbcUrl(), stack.jdbcUser(), PASSWORD);
    }
}

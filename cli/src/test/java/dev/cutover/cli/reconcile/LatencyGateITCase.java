package dev.cutover.cli.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.cli.CliProcess;
import dev.cutover.stack.EmbeddedStack;
import dev.cutover.stack.Service;
import dev.cutover.stack.StackOptions;
import dev.cutover.testkit.TestTime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stream's p99 latency gate, end to end: {@code cutover reconcile --parity --policy FILE} with
 * {@code stream_latency_p99_max: 5s} on stream, batch and truth tables that agree. The stream wrote
 * most rows 1 s after they reached Kafka and a known share 10 s after: 0.5 % slow rows leave the
 * p99 at 1 s (exit 0), 5 % put it at 10 s (exit 1, the FAIL line naming the p99 and the limit).
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class LatencyGateITCase {
    private static final int HOURS = 2;
    private static final int TRANSACTIONS = 1_200;

    private static EmbeddedStack stack;

    @TempDir Path dir;

    @BeforeAll
    static void start() {
        stack = EmbeddedStack.start(StackOptions.defaults().withServices(Service.POSTGRES));
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void theP99GatePassesUnderTheLimitAndFailsOverIt() throws Exception {
        AgreeingTables.create(
                stack.jdbcUrl(),
                stack.jdbcUser(),
                stack.jdbcPassword(),
                TestTime.hourStart(4),
                HOURS,
                TRANSACTIONS);
        Path policy =
                Files.writeString(
                        dir.resolve("gate.yaml"),
                        "max_unexplained: 0\nstream_latency_p99_max: 5s\n");

        // 6 of 1,200 rows (every 200th) slow: sorted, the p99 at position 0.99 × 1199 = 1187.01
        // falls between two of the 1,194 rows at 1 s.
        writtenAfterKafka(200, 10);
        // Run on a machine outside UTC: the reader's time zone changes no latency.
        Gate pass = reconcile(policy, "under", "Asia/Singapore");
        assertThat(pass.exit()).as(pass.output()).isZero();
        assertThat(pass.output()).contains("PASS").doesNotContain("FAIL");
        assertThat(pass.streamP99()).isEqualTo(1.0);

        // 60 of 1,200 (every 20th) slow: position 1187.01 is among the 60 rows at 10 s.
        writtenAfterKafka(20, 10);
        Gate fail = reconcile(policy, "over", "UTC");
        assertThat(fail.exit()).as(fail.output()).isEqualTo(1);
        assertThat(fail.output())
                .contains("FAIL latency: stream p99")
                .contains("10.000 s (stream_latency_p99_max 5.000 s)");
        assertThat(fail.output().lines().filter(l -> l.startsWith("FAIL ")))
                .as("latency is the only failed check: the tables agree")
                .hasSize(1);
        assertThat(fail.streamP99()).isEqualTo(10.0);
    }

    /** Every {@code every}-th stream transaction written {@code seconds} after Kafka had it. */
    private static void writtenAfterKafka(int every, int seconds) throws Exception {
        try (Connection c =
                        DriverManager.getConnection(
                                stack.jdbcUrl(), stack.jdbcUser(), stack.jdbcPassword());
                PreparedStatement update =
                        c.prepareStatement(
                                "UPDATE stream.card_transactions SET written_at = kafka_timestamp"
                                        + " + ? * interval '1 second'"
                                        + " WHERE substring(transaction_id from 5)::int % ? = 0")) {
            update.setInt(1, seconds);
            update.setInt(2, every);
            update.executeUpdate();
        }
    }

    private record Gate(int exit, String output, double streamP99) {}

    /**
     * {@code cutover reconcile --parity} as CI runs it, in time zone {@code zone} ({@code TZ}); the
     * stream's p99 from report.json.
     */
    private Gate reconcile(Path policy, String name, String zone) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("TZ", zone);
        env.put("JDBC_URL", stack.jdbcUrl());
        env.put("JDBC_USER", stack.jdbcUser());
        if (stack.jdbcPassword() != null) {
            env.put("JDBC_PASSWORD", stack.jdbcPassword());
        }
        Path reports = dir.resolve(name);
        try (CliProcess gate =
                CliProcess.start(
                        dir,
                        env,
                        "reconcile",
                        "--parity",
                        "--policy",
                        policy.toString(),
                        "--report-dir",
                        reports.toString())) {
            int exit = gate.awaitExit(Duration.ofSeconds(150));
            JsonNode latency =
                    new ObjectMapper()
                            .readTree(reports.resolve("report.json").toFile())
                            .at("/report/latency");
            double p99 = Double.NaN;
            for (JsonNode pipeline : latency) {
                if (pipeline.path("pipeline").asText().equals("stream")) {
                    p99 = pipeline.at("/wall_since_kafka/p99").asDouble();
                }
            }
            return new Gate(exit, gate.output(), p99);
        }
    }
}

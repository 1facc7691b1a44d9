package dev.cutover.cli.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.cli.Main;
import dev.cutover.contract.Ports;
import dev.cutover.stack.Service;
import dev.cutover.stack.StackEndpoints;
import dev.cutover.testkit.EmbeddedStackTest;
import dev.cutover.testkit.Jdbc;
import dev.cutover.testkit.TestSchema;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cutover reconcile} in-process on the embedded PostgreSQL: each exit code, each bad input.
 */
@EmbeddedStackTest(services = Service.POSTGRES)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ReconcileCommandITCase {
    private static final String SECRET = "s3cret-Pa55word-xyz";

    @TempDir Path temp;

    /** left and same: 3 equal rows; right: one amount off by 0.004, one row missing, one extra. */
    private static void tables(StackEndpoints stack, TestSchema schema) throws SQLException {
        for (String table : List.of("left_t", "same_t", "right_t")) {
            Jdbc.execute(
                    stack,
                    "CREATE TABLE "
                            + schema.qualify(table)
                            + " (id TEXT PRIMARY KEY, amount NUMERIC(10,3), note TEXT)");
        }
        for (String table : List.of("left_t", "same_t")) {
            Jdbc.execute(
                    stack,
                    "INSERT INTO "
                            + schema.qualify(table)
                            + " VALUES ('a', 1.000, 'x'), ('B', 2.000, 'y'), ('c', 3.000, 'z')");
        }
        Jdbc.execute(
                stack,
                "INSERT INTO "
                        + schema.qualify("right_t")
                        + " VALUES ('a', 1.004, 'x'), ('B', 2.000, 'y'), ('d', 4.000, 'w')");
    }

    private Run reconcile(StackEndpoints stack, TestSchema schema, String right, String... more)
            throws IOException {
        Path password = Files.writeString(temp.resolve("password"), SECRET);
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "reconcile",
                                "--jdbc-url",
                                stack.jdbcUrl(),
                                "--jdbc-user",
                                stack.jdbcUser(),
                                "--jdbc-password-file",
                                password.toString(),
                                "--left-table",
                                schema.name() + ".left_t",
                                "--right-table",
                                schema.name() + "." + right));
        args.addAll(Arrays.asList(more));
        return Run.of(args.toArray(String[]::new));
    }

    @Test
    void equalTablesPassWithExitZeroAndTheJsonSummary(StackEndpoints stack, TestSchema schema)
            throws Exception {
        tables(stack, schema);
        Path json = temp.resolve("summary.json");

        Run run =
                reconcile(
                        stack,
                        schema,
                        "same_t",
                        "--key",
                        "id",
                        "--mode",
                        "full",
                        "--threads",
                        "3",
                        "--json",
                        json.toString());

        assertThat(run.code).as(run.toString()).isZero();
        assertThat(run.out).contains("PASS");
        JsonNode summary = new ObjectMapper().readTree(json.toFile());
        assertThat(summary.at("/left/rows").asLong()).isEqualTo(3);
        assertThat(summary.get("matched_rows").asLong()).isEqualTo(3);
        assertThat(summary.get("verdict").asText()).isEqualTo("PASS");
    }

    @Test
    void differencesFailWithExitOneAndEveryReport(StackEndpoints stack, TestSchema schema)
            throws Exception {
        tables(stack, schema);
        Path reports = temp.resolve("reports");
        Path json = temp.resolve("summary.json");

        Run run =
                reconcile(
                        stack,
                        schema,
                        "right_t",
                        "--key",
                        "id",
                        "--tolerance",
                        "amount=0.01",
                        "--mode",
                        "checksum",
                        "--json",
                        json.toString(),
                        "--report-dir",
                        reports.toString());

        assertThat(run.code).as(run.toString()).isEqualTo(1);
        JsonNode summary = new ObjectMapper().readTree(json.toFile());
        assertThat(summary.get("matched_rows").asLong()).isEqualTo(2);
        assertThat(summary.get("only_in_left").asLong()).isEqualTo(1);
        assertThat(summary.get("only_in_right").asLong()).isEqualTo(1);
        assertThat(summary.get("unexplained").asLong()).isEqualTo(2);
        assertThat(summary.get("verdict").asText()).isEqualTo("FAIL");
        assertThat(reports.resolve("report.html")).exists();
        assertThat(reports.resolve("report.md")).exists();
        assertThat(reports.resolve("report.json")).exists();
        assertThat(Files.readString(reports.resolve("junit.xml"))).contains("<failure");
    }

    @Test
    void aPolicyCanAcceptTheDifferences(StackEndpoints stack, TestSchema schema) throws Exception {
        tables(stack, schema);
        Path policy =
                Files.writeString(temp.resolve("gate.yaml"), "max_unexplained: 2\nmin_rows: 3\n");

        Run run =
                reconcile(
                        stack,
                        schema,
                        "right_t",
                        "--key",
                        "id",
                        "--tolerance",
                        "amount=0.01",
                        "--policy",
                        policy.toString());

        assertThat(run.code).as(run.toString()).isZero();
    }

    @Test
    void eachBadInputIsExitTwoWithOneLineNamingIt(StackEndpoints stack, TestSchema schema)
            throws Exception {
        tables(stack, schema);
        Path unknownKey = Files.writeString(temp.resolve("bad.yaml"), "max_unexplaned: 0\n");
        Path badValue =
                Files.writeString(
                        temp.resolve("bad2.yaml"), "tables:\n  t:\n    max_mismatch_rate: lots\n");
        List<List<String>> cases =
                List.of(
                        List.of(
                                "nope",
                                "--key",
                                "id",
                                "| right table " + schema.name() + ".nope not found"),
                        List.of(
                                "right_t",
                                "--key",
                                "id",
                                "--columns",
                                "ghost",
                                "| --columns: column ghost not found in left table"),
                        List.of(
                                "right_t",
                                "--key",
                                "nokey",
                                "| --key: column nokey not found in left table"),
                        List.of("right_t", "| missing --key"),
                        List.of(
                                "right_t",
                                "--key",
                                "id",
                                "--tolerance",
                                "amount=abc",
                                "| --tolerance amount: bad tolerance 'abc'"),
                        List.of(
                                "right_t",
                                "--key",
                                "id",
                                "--tolerance",
                                "note=1ms",
                                "| --tolerance note=PT0.001S: does not fit column type text"),
                        List.of(
                                "right_t",
                                "--key",
                                "id",
                                "--policy",
                                unknownKey.toString(),
                                "| unknown key max_unexplaned"),
                        List.of(
                                "right_t",
                                "--key",
                                "id",
                                "--policy",
                                badValue.toString(),
                                "| tables.t.max_mismatch_rate: expected a number between 0 and 1"),
                        List.of(
                                "right_t",
                                "--key",
                                "id",
                                "--policy",
                                temp.resolve("missing.yaml").toString(),
                                "| missing.yaml: file not found"),
                        List.of(
                                "right_t",
                                "--key",
                                "id",
                                "--where-left",
                                "no_such_column > 1",
                                "| no_such_column"),
                        List.of("right_t", "--key", "id", "--mode", "fast", "| --mode"),
                        List.of(
                                "right_t",
                                "--key",
                                "id",
                                "--threads",
                                "-1",
                                "| --threads must be between 0 and 64, not -1"));
        for (List<String> c : cases) {
            String expected = c.get(c.size() - 1).substring(2);
            Run run =
                    reconcile(
                            stack,
                            schema,
                            c.get(0),
                            c.subList(1, c.size() - 1).toArray(String[]::new));
            assertThat(run.code).as(run.toString()).isEqualTo(2);
            assertThat(run.err.lines().toList()).as(run.toString()).hasSize(1);
            assertThat(run.err).as(run.toString()).contains(expected);
        }
    }

    @Test
    void parityChecksItsThreadsAsTheTwoTableModeDoes(StackEndpoints stack) {
        Run run =
                Run.of(
                        "reconcile",
                        "--parity",
                        "--jdbc-url",
                        stack.jdbcUrl(),
                        "--jdbc-user",
                        stack.jdbcUser(),
                        "--threads",
                        "65");

        assertThat(run.code).as(run.toString()).isEqualTo(2);
        assertThat(run.err.lines().toList()).as(run.toString()).hasSize(1);
        assertThat(run.err).contains("--threads must be between 0 and 64, not 65");
    }

    @Test
    void anUnreachableDatabaseIsExitThreeWithoutItsPassword() throws Exception {
        int port = Ports.free();
        Run run =
                Run.of(
                        "reconcile",
                        "--left-url",
                        "jdbc:postgresql://127.0.0.1:"
                                + port
                                + "/db?password="
                                + SECRET
                                + "&connectTimeout=2",
                        "--left-table",
                        "s.t",
                        "--right-table",
                        "s.u",
                        "--key",
                        "id");

        assertThat(run.code).as(run.toString()).isEqualTo(3);
        assertThat(run.err.lines().toList()).hasSize(1);
        assertThat(run.err).contains("127.0.0.1:" + port).doesNotContain(SECRET);
    }

    @Test
    void thePasswordNeverAppearsInAnyOutput(StackEndpoints stack, TestSchema schema)
            throws Exception {
        tables(stack, schema);
        Path reports = temp.resolve("reports");
        Path json = temp.resolve("summary.json");

        Run run =
                reconcile(
                        stack,
                        schema,
                        "right_t",
                        "--key",
                        "id",
                        "--verbose",
                        "--left-url",
                        stack.jdbcUrl() + "?password=" + SECRET,
                        "--json",
                        json.toString(),
                        "--report-dir",
                        reports.toString());

        assertThat(run.code).as(run.toString()).isEqualTo(1);
        assertThat(run.out + run.err).doesNotContain(SECRET);
        try (Stream<Path> files = Files.list(reports)) {
            for (Path file : Stream.concat(files, Stream.of(json)).toList()) {
                assertThat(Files.readString(file)).as(file.toString()).doesNotContain(SECRET);
            }
        }
        assertThat(Files.readString(reports.resolve("report.json"))).contains("?…");
    }

    /** One in-process run of the command, with what it printed. */
    record Run(int code, String out, String err) {
        static Run of(String... args) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
            return new Run(code, out.toString(), err.toString());
        }

        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }
}

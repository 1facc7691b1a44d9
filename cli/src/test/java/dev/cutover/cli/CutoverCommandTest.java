package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.contract.Ports;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command's contract without services: help, version, exit codes and one-line errors. */
class CutoverCommandTest {
    @TempDir Path temp;

    @Test
    void versionNamesTheEnginesItWasBuiltWith() {
        Run run = Run.of("--version");

        assertThat(run.code).as(run.toString()).isZero();
        assertThat(run.out)
                .contains(
                        "Flink 2.2.1",
                        "Spark 4.1.1",
                        "Kafka 4.2.0",
                        "Apicurio Registry 2.4.2.Final");
        assertThat(run.out).doesNotContain("${");
    }

    @Test
    void helpListsTheSubcommandsAndExitCodes() {
        Run run = Run.of("--help");

        assertThat(run.code).as(run.toString()).isZero();
        assertThat(run.out).contains("stack", "check", "Exit codes");
    }

    @Test
    void noSubcommandIsBadInput() {
        Run run = Run.of();

        assertThat(run.code).as(run.toString()).isEqualTo(2);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err).contains("subcommand is required");
    }

    @Test
    void unknownOptionIsOneLineAndExitTwo() {
        Run run = Run.of("stack", "up", "--no-such-option");

        assertThat(run.code).as(run.toString()).isEqualTo(2);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err).contains("--no-such-option", "cutover stack up --help");
    }

    @Test
    void checkWithNothingToCheckSaysWhichOptionsAreMissing() {
        Run run = Run.of("check");

        assertThat(run.code).as(run.toString()).isEqualTo(2);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err).contains("--bootstrap-servers", "--schema-registry", "--jdbc-url");
    }

    @Test
    void registryThatRefusesIsAnInfrastructureFailureNamingTheUrl() throws IOException {
        int closedPort = Ports.free();

        Run run =
                Run.of(
                        "check",
                        "--schema-registry",
                        "http://127.0.0.1:" + closedPort + "/apis/ccompat/v7",
                        "--timeout",
                        "PT2S");

        assertThat(run.code).as(run.toString()).isEqualTo(3);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err).contains("schema-registry", "127.0.0.1:" + closedPort);
        assertThat(run.err).doesNotContain("Exception\n\tat ");
    }

    @Test
    void credentialsInTheRegistryUrlAreRefusedWithoutEchoingThem() {
        Run run = Run.of("check", "--schema-registry", "http://alice:s3cret-pw@127.0.0.1:1/");

        assertThat(run.code).as(run.toString()).isEqualTo(2);
        assertThat(run.out + run.err).doesNotContain("s3cret-pw");
        assertThat(run.err).contains("127.0.0.1");
    }

    @Test
    void nonPostgresJdbcUrlIsBadInputWithoutItsQueryString() {
        Run run = Run.of("check", "--jdbc-url", "jdbc:mysql://db:3306/x?password=hunter2");

        assertThat(run.code).as(run.toString()).isEqualTo(2);
        assertThat(run.err).contains("jdbc:mysql://db:3306/x").doesNotContain("hunter2");
    }

    @Test
    void unreadableKafkaConfigIsBadInputNamingTheFile() {
        Path missing = temp.resolve("missing.properties");

        Run run =
                Run.of(
                        "check",
                        "--bootstrap-servers",
                        "127.0.0.1:1",
                        "--kafka-config",
                        missing.toString());

        assertThat(run.code).as(run.toString()).isEqualTo(2);
        assertThat(run.err).contains(missing.toString());
    }

    @Test
    void verboseAddsTheStackTrace() throws IOException {
        Path notADir = Files.writeString(temp.resolve("file"), "x");

        Run run =
                Run.of(
                        "check",
                        "--verbose",
                        "--bootstrap-servers",
                        "127.0.0.1:1",
                        "--kafka-config",
                        notADir.resolve("x").toString());

        assertThat(run.code).as(run.toString()).isEqualTo(2);
        assertThat(run.err).contains("\tat ");
    }

    /** One in-process run of the command, with what it printed. */
    record Run(int code, String out, String err) {
        static Run of(String... args) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
            return new Run(code, out.toString(), err.toString());
        }

        java.util.List<String> errLines() {
            return err.lines().toList();
        }

        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }
}

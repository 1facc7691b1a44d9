package dev.cutover.cli.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.contract.Ports;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad input to {@code cutover generate}: one line on stderr and the documented exit code. */
class GenerateCommandTest {
    static CliRun generate(String... extra) {
        List<String> args = new ArrayList<>(List.of("generate"));
        args.addAll(List.of("--bootstrap-servers", "127.0.0.1:1"));
        args.addAll(List.of("--schema-registry", "http://127.0.0.1:1/apis/ccompat/v7"));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    static void assertBadInput(CliRun run, String... fragments) {
        assertThat(run.code()).as(run.toString()).isEqualTo(2);
        assertThat(run.errLines()).as(run.toString()).hasSize(1);
        assertThat(run.err()).contains(fragments);
    }

    @Test
    void fractionAboveOneIsBadInput() {
        assertBadInput(
                generate("--events", "10", "--late-fraction", "1.5"),
                "--late-fraction must be in [0,1]");
    }

    @Test
    void negativeFractionIsBadInput() {
        assertBadInput(
                generate("--events", "10", "--poison-fraction", "-0.1"),
                "--poison-fraction must be in [0,1]");
    }

    @Test
    void fractionsSummingAboveOneAreBadInput() {
        assertBadInput(
                generate("--events", "10", "--duplicate-fraction", "0.6", "--late-fraction", "0.6"),
                "sum to");
    }

    @Test
    void negativeRateIsBadInput() {
        assertBadInput(generate("--events", "10", "--rate", "-5"), "--rate must be >= 0");
    }

    @Test
    void nonNumericRateIsBadInput() {
        assertBadInput(generate("--events", "10", "--rate", "fast"), "--rate", "fast");
    }

    @Test
    void unknownSchemaVersionIsBadInput() {
        assertBadInput(
                generate("--events", "10", "--schema-mix", "v1:0.5,v3:0.5"), "--schema-mix", "v3");
    }

    @Test
    void badLateDelayIsBadInput() {
        assertBadInput(generate("--events", "10", "--late-delay", "3h..5m"), "0 <= min <= max");
    }

    @Test
    void badStartIsBadInput() {
        assertBadInput(generate("--events", "10", "--start", "yesterday"), "--start");
    }

    @Test
    void neitherEventsNorDurationIsBadInput() {
        assertBadInput(generate(), "--events", "--duration");
    }

    @Test
    void missingBootstrapServersSaysWhichOption() {
        CliRun run = CliRun.of("generate", "--events", "10");
        assertBadInput(run, "--bootstrap-servers");
    }

    @Test
    void unreachableBrokerIsAnInfrastructureFailure() throws IOException {
        int port = Ports.free();
        CliRun run =
                CliRun.of(
                        "generate",
                        "--bootstrap-servers",
                        "127.0.0.1:" + port,
                        "--schema-registry",
                        "http://127.0.0.1:1/",
                        "--events",
                        "10",
                        "--connect-timeout",
                        "2s");

        assertThat(run.code()).as(run.toString()).isEqualTo(3);
        assertThat(run.errLines()).as(run.toString()).hasSize(1);
        assertThat(run.err()).contains("Kafka at 127.0.0.1:" + port, "did not answer");
    }
}

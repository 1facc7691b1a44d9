package dev.cutover.recon.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.recon.ReconException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class GatePolicyTest {
    @Test
    void readsDefaultsAndPerTableOverrides() {
        GatePolicy policy =
                GatePolicy.parse(
                        """
                        max_unexplained: 0
                        max_only_in_left: 0
                        max_mismatch_rate: 0.0
                        max_explained_rate: 0.05
                        stream_latency_p99_max: 5s
                        min_rows: 1000
                        require_clean_hours: 24
                        tables:
                          dead_letters:
                            max_only_in_left: 10
                            min_rows: 0
                        """,
                        "gate.yaml");

        assertThat(policy.defaults())
                .isEqualTo(
                        new Thresholds(0L, 0L, null, 0.0, 0.05, 1000L, Duration.ofSeconds(5), 24));
        Thresholds deadLetters = policy.forTable("stream vs batch: dead_letters", "dead_letters");
        assertThat(deadLetters.maxOnlyInLeft()).isEqualTo(10);
        assertThat(deadLetters.minRows()).isZero();
        assertThat(deadLetters.maxUnexplained()).isZero();
        assertThat(policy.forTable("x", "card_transactions")).isEqualTo(policy.defaults());
    }

    @Test
    void eachBadInputNamesTheFileAndTheKey() {
        assertBad(
                "max_unexplained: -1",
                "gate.yaml: max_unexplained: expected a non-negative integer, got '-1'");
        assertBad(
                "max_unexplained: lots",
                "gate.yaml: max_unexplained: expected a non-negative integer, got 'lots'");
        assertBad(
                "max_mismatch_rate: 2",
                "gate.yaml: max_mismatch_rate: expected a number between 0 and 1");
        assertBad(
                "max_explained_rate: -0.1",
                "gate.yaml: max_explained_rate: expected a number between 0 and 1");
        assertBad(
                "stream_latency_p99_max: fast",
                "gate.yaml: stream_latency_p99_max: expected a duration");
        assertBad("max_unexplaned: 0", "gate.yaml: unknown key max_unexplaned");
        assertBad("tables:\n  t:\n    min_row: 1", "gate.yaml: unknown key tables.t.min_row");
        assertBad("tables: 3", "gate.yaml: tables: expected a mapping");
        assertBad("- 1\n- 2", "gate.yaml: expected a mapping of thresholds");
        assertBad("max_unexplained: [0", "gate.yaml: not valid YAML");
    }

    @Test
    void anEmptyPolicyHasNoThresholds() {
        assertThat(GatePolicy.parse("", "gate.yaml").defaults()).isEqualTo(Thresholds.NONE);
        assertThat(GatePolicy.standard().defaults().maxUnexplained()).isZero();
    }

    private static void assertBad(String yaml, String message) {
        assertThatThrownBy(() -> GatePolicy.parse(yaml, "gate.yaml"))
                .isInstanceOf(ReconException.class)
                .hasMessageStartingWith(message)
                .satisfies(
                        e ->
                                assertThat(((ReconException) e).kind())
                                        .isEqualTo(ReconException.Kind.BAD_INPUT));
    }
}

package dev.cutover.recon.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.recon.diff.CellDiff;
import dev.cutover.recon.diff.DiffResult;
import dev.cutover.recon.diff.MismatchSample;
import dev.cutover.recon.diff.RowSample;
import dev.cutover.recon.report.Check;
import dev.cutover.recon.report.Percentiles;
import dev.cutover.recon.report.PipelineLatency;
import dev.cutover.recon.report.TableComparison;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The gate's limits on differences count unexplained rows only; explained ones (late arrivals,
 * duplicates kept as another copy) fail nothing unless {@code max_explained_rate} says so. The
 * shipped {@code examples/gate.yaml} passes a healthy run and fails one planted defect.
 */
class GateTest {
    /**
     * The run of issue 15: 45 late arrivals and 16 duplicates kept as another copy, all explained.
     */
    private static final DiffResult HEALTHY =
            result(
                    10_000,
                    45,
                    0,
                    16,
                    new TreeMap<>(Map.of("late-arrival", 45L, "duplicate", 16L)),
                    0,
                    0,
                    0,
                    List.of(),
                    List.of(late("txn-late-1")));

    /** The same run with one transaction the batch lost (not late) and one amount off. */
    private static final DiffResult BROKEN =
            result(
                    9_999,
                    46,
                    0,
                    17,
                    new TreeMap<>(Map.of("late-arrival", 45L, "duplicate", 16L)),
                    1,
                    1,
                    0,
                    List.of(
                            new MismatchSample(
                                    Map.of("transaction_id", "txn-amount"),
                                    List.of(
                                            new CellDiff("amount_usd", "12.31", "12.30", true),
                                            new CellDiff("status", "APPROVED", "APPROVED", false)),
                                    null)),
                    List.of(late("txn-late-1"), missing("txn-lost")));

    @Test
    void explainedDifferencesFailNoLimitOnDifferences() {
        GatePolicy policy =
                GatePolicy.parse(
                        """
                        max_unexplained: 0
                        max_only_in_left: 0
                        max_only_in_right: 0
                        max_mismatch_rate: 0.0
                        """,
                        "gate.yaml");

        List<Check> checks = Gate.evaluate(policy, List.of(pair(HEALTHY)), List.of(), null);

        assertThat(Gate.failures(checks)).isEmpty();
        assertThat(message(checks, "unexplained only in left"))
                .isEqualTo("0 unexplained of 45 only in left (max_only_in_left 0)");
        assertThat(message(checks, "unexplained mismatch rate"))
                .isEqualTo(
                        "0.000000: 0 unexplained of 16 mismatched, 10016 rows on both sides"
                                + " (max_mismatch_rate 0.0)");
        assertThat(message(checks, "unexplained differences"))
                .isEqualTo(
                        "0 unexplained (max_unexplained 0): none; explained: duplicate 16,"
                                + " late-arrival 45");
    }

    @Test
    void unexplainedRowsFailEachLimitOfTheirKindAndAreNamed() {
        GatePolicy policy =
                GatePolicy.parse(
                        """
                        max_unexplained: 0
                        max_only_in_left: 0
                        max_only_in_right: 0
                        max_mismatch_rate: 0.0
                        """,
                        "gate.yaml");

        List<String> failures =
                Gate.failures(Gate.evaluate(policy, List.of(pair(BROKEN)), List.of(), null));

        assertThat(failures)
                .containsExactly(
                        "stream vs batch: card_transactions: unexplained differences: 2"
                                + " unexplained (max_unexplained 0): mismatched 1, only in left 1"
                                + " (e.g. transaction_id=txn-amount differs in amount_usd;"
                                + " transaction_id=txn-lost only in left); explained: duplicate"
                                + " 16, late-arrival 45",
                        "stream vs batch: card_transactions: unexplained only in left: 1"
                                + " unexplained of 46 only in left (max_only_in_left 0)",
                        "stream vs batch: card_transactions: unexplained mismatch rate: 0.000100:"
                                + " 1 unexplained of 17 mismatched, 10016 rows on both sides"
                                + " (max_mismatch_rate 0.0)");
    }

    @Test
    void aMismatchRateToleratesUnexplainedMismatchesUpToIt() {
        GatePolicy lenient = GatePolicy.parse("max_mismatch_rate: 0.0001", "gate.yaml");
        GatePolicy strict = GatePolicy.parse("max_mismatch_rate: 0.00009", "gate.yaml");

        assertThat(Gate.failures(Gate.evaluate(lenient, List.of(pair(BROKEN)), List.of(), null)))
                .isEmpty();
        assertThat(Gate.failures(Gate.evaluate(strict, List.of(pair(BROKEN)), List.of(), null)))
                .singleElement()
                .asString()
                .contains("unexplained mismatch rate: 0.000100");
    }

    @Test
    void explainedDifferencesHaveTheirOwnOptionalLimit() {
        // 61 explained of 10 061 rows on the larger (left) side: 0.006063
        GatePolicy loose = GatePolicy.parse("max_explained_rate: 0.01", "gate.yaml");
        GatePolicy tight = GatePolicy.parse("max_explained_rate: 0.005", "gate.yaml");

        assertThat(Gate.failures(Gate.evaluate(loose, List.of(pair(HEALTHY)), List.of(), null)))
                .isEmpty();
        assertThat(Gate.failures(Gate.evaluate(tight, List.of(pair(HEALTHY)), List.of(), null)))
                .containsExactly(
                        "stream vs batch: card_transactions: explained rate: 0.006063: 61"
                                + " explained of 10061 rows on the larger side"
                                + " (max_explained_rate 0.005)");
    }

    @Test
    void theShippedExamplePassesAHealthyRunAndFailsAPlantedDefect() {
        GatePolicy example = GatePolicy.load(Path.of("../examples/gate.yaml"));
        List<PipelineLatency> fast =
                List.of(
                        new PipelineLatency(
                                Gate.STREAM,
                                "wall clock",
                                new Percentiles(10_061, 0.4, 0.9, 1.2, 2.0),
                                new Percentiles(10_061, 0.3, 0.8, 1.1, 1.9),
                                new Percentiles(10_061, 0.3, 0.8, 1.1, 1.9),
                                List.of(),
                                List.of()));
        Integer burnIn = example.defaults().requireCleanHours();

        List<Check> healthy = Gate.evaluate(example, List.of(pair(HEALTHY)), fast, burnIn);
        List<Check> broken = Gate.evaluate(example, List.of(pair(BROKEN)), fast, burnIn);

        assertThat(Gate.failures(healthy)).isEmpty();
        assertThat(Gate.failures(broken))
                .isNotEmpty()
                .allMatch(f -> f.startsWith("stream vs batch: card_transactions: "))
                .anyMatch(f -> f.contains("transaction_id=txn-lost only in left"));
    }

    private static String message(List<Check> checks, String name) {
        return checks.stream()
                .filter(c -> c.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + checks))
                .message();
    }

    private static RowSample late(String id) {
        return new RowSample(Map.of("transaction_id", id), Map.of(), "late-arrival");
    }

    private static RowSample missing(String id) {
        return new RowSample(Map.of("transaction_id", id), Map.of(), null);
    }

    /** Left = stream (every row), right = batch (without the only-in-left rows). */
    private static DiffResult result(
            long matched,
            long onlyInLeft,
            long onlyInRight,
            long mismatched,
            Map<String, Long> explained,
            long unexplainedMismatched,
            long unexplainedOnlyInLeft,
            long unexplainedOnlyInRight,
            List<MismatchSample> mismatches,
            List<RowSample> onlyInLeftSamples) {
        return new DiffResult(
                "full",
                matched + mismatched + onlyInLeft,
                matched + mismatched + onlyInRight,
                matched,
                mismatched,
                onlyInLeft,
                onlyInRight,
                0,
                0,
                0,
                0,
                Map.of(),
                explained,
                unexplainedMismatched,
                unexplainedOnlyInLeft,
                unexplainedOnlyInRight,
                mismatches,
                onlyInLeftSamples,
                List.of(),
                List.of());
    }

    private static TableComparison pair(DiffResult result) {
        return new TableComparison(
                "stream vs batch: card_transactions",
                "card_transactions",
                "stream.card_transactions",
                "batch.card_transactions",
                "jdbc:postgresql://db/cutover",
                "jdbc:postgresql://db/cutover",
                List.of("transaction_id"),
                List.of("amount_usd", "status"),
                Map.of(),
                0.1,
                result,
                null);
    }
}

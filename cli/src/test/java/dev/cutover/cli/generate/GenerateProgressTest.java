package dev.cutover.cli.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.loadgen.produce.StatsSnapshot;
import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The progress line {@code cutover generate} shows (in place on a terminal, else logged). */
class GenerateProgressTest {
    @Test
    void beforeTheProducerExists() {
        assertThat(GenerateCommand.progressLine(null)).isEqualTo("starting…");
    }

    @Test
    void withATargetItShowsSentOfTargetRateLatencyAndEta() {
        // 10 s in: 20,000 acknowledged of 100,000 at 2,000/s, 80,000 left → 40 s.
        StatsSnapshot s =
                new StatsSnapshot(
                        Duration.ofSeconds(10),
                        20_500,
                        20_000,
                        3,
                        3_400_000,
                        4.2,
                        9.0,
                        12.34,
                        80.0,
                        OptionalLong.of(100_000));

        assertThat(GenerateCommand.progressLine(s))
                .isEqualTo(
                        String.format(
                                "sent 20500/100000, acked 20000, errors 3, 2000 records/s,"
                                        + " %.1f MB/s, p99 %.1f ms, ETA 40s",
                                0.3, 12.3));
    }

    @Test
    void withADurationThereIsNoTargetAndNoEta() {
        StatsSnapshot s =
                new StatsSnapshot(
                        Duration.ofSeconds(2),
                        400,
                        400,
                        0,
                        68_000,
                        1,
                        2,
                        3,
                        4,
                        OptionalLong.empty());

        assertThat(GenerateCommand.progressLine(s))
                .startsWith("sent 400, acked 400, errors 0, 200 records/s")
                .doesNotContain("ETA", "sent 400/");
    }
}

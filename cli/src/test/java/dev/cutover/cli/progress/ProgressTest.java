package dev.cutover.cli.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The in-place progress line of a terminal and the duration format of ETAs. */
class ProgressTest {
    @Test
    void aShorterLineErasesWhatIsLeftOfTheLongerOne() {
        assertThat(Progress.rewrite("sent 10", 0)).isEqualTo("\rsent 10");
        assertThat(Progress.rewrite("sent 10", 12)).isEqualTo("\rsent 10     ");
        assertThat(Progress.rewrite("sent 100000", 7)).isEqualTo("\rsent 100000");
    }

    @Test
    void onATerminalTheLineIsRewrittenInPlaceAndClearedAtTheEnd() {
        List<String> lines = List.of("starting…", "sent 1200/5000, acked 1100", "sent 5000");
        AtomicInteger shown = new AtomicInteger();
        StringWriter screen = new StringWriter();
        Progress progress =
                Progress.onTerminal(
                        () -> lines.get(Math.min(shown.getAndIncrement(), lines.size() - 1)),
                        new PrintWriter(screen));
        await().atMost(Duration.ofSeconds(20)).until(() -> shown.get() >= 4);
        progress.close();

        String out = screen.toString();
        assertThat(out)
                .startsWith("\rstarting…\rsent 1200/5000, acked 1100\rsent 5000" + " ".repeat(17))
                .doesNotContain("\n")
                // Closing blanks the last line's text and returns to the line's start.
                .endsWith("\rsent 5000\r" + " ".repeat("sent 5000".length()) + "\r");
    }

    @Test
    void durationsAreCompact() {
        assertThat(Progress.duration(12)).isEqualTo("12s");
        assertThat(Progress.duration(245)).isEqualTo("4m05s");
        assertThat(Progress.duration(3723)).isEqualTo("1h02m03s");
    }
}

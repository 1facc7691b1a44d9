package dev.cutover.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** {@code cutover bench stream}'s argument checks, which run before any service starts. */
class StreamBenchCommandTest {
    @Test
    void tooFewEventsIsBadInput() {
        Result r = run("bench", "stream", "--events", "10");
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("--events");
    }

    @Test
    void aNonPositiveRateIsBadInput() {
        Result r = run("bench", "stream", "--rate", "0");
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("--rate");
    }

    @Test
    void aMissingJobJarIsBadInput() {
        Result r = run("bench", "stream", "--stream-jar", "/nonexistent/cutover-streaming-job.jar");
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("not found");
    }

    @Test
    void itIsListedUnderBench() {
        Result r = run("bench", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("stream");
    }

    private record Result(int code, String out, String err) {}

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }
}

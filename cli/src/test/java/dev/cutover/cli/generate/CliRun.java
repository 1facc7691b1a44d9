package dev.cutover.cli.generate;

import dev.cutover.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/** One in-process run of {@code cutover}, with what it printed (shown when an assertion fails). */
public record CliRun(int code, String out, String err) {
    public static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRun(code, out.toString(), err.toString());
    }

    public List<String> errLines() {
        return err.lines().toList();
    }

    @Override
    public String toString() {
        return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}

package dev.cutover.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time from Linux's {@code /proc/PID/stat}, so that a benchmark can report the work a side did
 * next to its wall-clock time (which a shared machine's load inflates far more): a process's own
 * time, and the time of its children once they have exited and been waited for. Zero where {@code
 * /proc} is not there.
 */
final class ProcessCpu {
    static final double TICKS_PER_SECOND = 100.0;

    private ProcessCpu() {}

    /** CPU seconds of this JVM's exited, waited-for children (e.g. the Flink job's JVM). */
    static double childrenOfThisJvm() {
        String[] f = stat(ProcessHandle.current().pid());
        // After "(comm)" the state is field 0: utime 11, stime 12, cutime 13, cstime 14.
        return f == null ? 0 : (Long.parseLong(f[13]) + Long.parseLong(f[14])) / TICKS_PER_SECOND;
    }

    /** Clock ticks {@code pid} has run ({@code utime + stime}), or -1 when it is gone. */
    static long ticks(long pid) {
        String[] f = stat(pid);
        return f == null ? -1 : Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** The fields after {@code (comm)} of {@code /proc/PID/stat}, or null. */
    private static String[] stat(long pid) {
        try {
            String s = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return s.substring(s.lastIndexOf(')') + 2).split(" ");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}

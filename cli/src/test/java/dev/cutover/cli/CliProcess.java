package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code cutover} as a user runs it: {@code java -jar target/cutover-cli.jar …} in a child process
 * from the module folder (where the jobs' jars are found in {@code ../streaming-job/target} and
 * {@code ../batch-baseline/target}, built before this module). Its stderr goes to a file; {@link
 * #close()} kills it and its children if it is still running.
 */
public final class CliProcess implements AutoCloseable {
    private static final Path CLI_JAR =
            Path.of(System.getProperty("cutover.cli.jar", "target/cutover-cli.jar"));

    private final Process process;
    private final Path stderr;
    private final BufferedReader out;
    private final StringBuilder read = new StringBuilder();
    private String stdout;

    private CliProcess(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        this.out =
                new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Starts {@code cutover args…} with extra environment variables; stderr goes under dir. */
    public static CliProcess start(Path dir, Map<String, String> env, String... args)
            throws IOException {
        return start(Path.of("").toAbsolutePath(), dir, env, args);
    }

    /** The same, run in {@code workingDir} (relative paths in the arguments resolve there). */
    public static CliProcess startIn(Path workingDir, Map<String, String> env, String... args)
            throws IOException {
        return start(workingDir, workingDir, env, args);
    }

    private static CliProcess start(
            Path workingDir, Path dir, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-jar");
        command.add(CLI_JAR.toAbsolutePath().toString());
        command.addAll(List.of(args));
        Path stderr = Files.createTempFile(dir, "stderr-", ".txt");
        ProcessBuilder builder =
                new ProcessBuilder(command)
                        .directory(workingDir.toFile())
                        .redirectError(stderr.toFile());
        builder.environment().putAll(env);
        return new CliProcess(builder.start(), stderr);
    }

    /** Waits for the end (failing the test when it takes longer); returns the exit code. */
    public int awaitExit(Duration timeout) throws InterruptedException, IOException {
        assertThat(process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS))
                .as("cutover ends within %s; stderr so far:%n%s", timeout, stderr())
                .isTrue();
        stdout();
        return process.exitValue();
    }

    public synchronized String stdout() throws IOException {
        if (stdout == null) {
            StringBuilder all = new StringBuilder(read);
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                all.append(line).append('\n');
            }
            stdout = all.toString();
        }
        return stdout;
    }

    /**
     * Reads stdout up to a line {@code READY} (as {@code stack up} and {@code demo --keep-running}
     * print) and returns the {@code KEY=VALUE} lines before it; the test fails when the process
     * ends first. Blocks: give the test class a {@code @Timeout}.
     */
    public synchronized Map<String, String> awaitReady() throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            read.append(line).append('\n');
            if (line.equals("READY")) {
                return values;
            }
            int equals = line.indexOf('=');
            if (equals > 0) {
                values.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        throw new AssertionError("cutover ended before READY:\n" + read + "\nstderr:\n" + stderr());
    }

    /** SIGTERM, as a service manager stops it (its output stays readable). */
    public void terminate() {
        process.toHandle().destroy();
    }

    public String stderr() throws IOException {
        return Files.readString(stderr);
    }

    /** Both outputs, to explain a failed assertion. */
    public String output() throws IOException {
        return "stdout:\n" + stdout() + "\nstderr:\n" + stderr();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}

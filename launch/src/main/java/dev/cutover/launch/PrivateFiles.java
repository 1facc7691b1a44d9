package dev.cutover.launch;

import dev.cutover.contract.CutoverException;
import dev.cutover.contract.ExitCode;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Secrets handed to child commands (the Flink and Spark launchers) as files only this user can
 * read, never as arguments that show in {@code ps}; deleted on {@link #close()}.
 */
public final class PrivateFiles implements AutoCloseable {
    private final List<Path> files = new ArrayList<>();

    /** A mode-600 file holding {@code text}. */
    public Path write(String name, String text) {
        Path file = create(name);
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CutoverException(ExitCode.INFRASTRUCTURE, "cannot write " + file, e);
        }
        return file;
    }

    /** A mode-600 properties file. */
    public Path write(String name, Properties properties) {
        Path file = create(name);
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            properties.store(writer, "cutover (deleted when the run ends)");
        } catch (IOException e) {
            throw new CutoverException(ExitCode.INFRASTRUCTURE, "cannot write " + file, e);
        }
        return file;
    }

    private Path create(String name) {
        try {
            Path file =
                    Files.createTempFile(
                            "cutover-" + name + "-",
                            ".secret",
                            PosixFilePermissions.asFileAttribute(
                                    PosixFilePermissions.fromString("rw-------")));
            files.add(file);
            return file;
        } catch (IOException e) {
            throw new CutoverException(
                    ExitCode.INFRASTRUCTURE, "cannot create a private temporary file", e);
        }
    }

    @Override
    public void close() throws IOException {
        for (Path file : files) {
            Files.deleteIfExists(file);
        }
        files.clear();
    }
}

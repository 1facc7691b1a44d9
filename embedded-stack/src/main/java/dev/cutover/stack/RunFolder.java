package dev.cutover.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The folder a stack keeps its services' data and logs in: one sub-folder per service. A marker
 * file says the stack made the folder, so a later start may wipe the sub-folders it finds there.
 */
final class RunFolder {

    private static final Logger LOG = LoggerFactory.getLogger(RunFolder.class);

    static final String MARKER = ".cutover-stack";
    static final List<String> SERVICE_FOLDERS = List.of("kafka", "postgres", "schema-registry");

    private final Path path;
    private final boolean temporary;

    private RunFolder(Path path, boolean temporary) {
        this.path = path;
        this.temporary = temporary;
    }

    /**
     * Prepares the run folder: {@code requested}, created if needed, or a fresh temporary folder
     * when {@code requested} is null.
     *
     * @throws StackException of kind {@code BAD_CONFIGURATION} when the folder cannot be created or
     *     written, or holds service folders that the stack did not make
     */
    static RunFolder prepare(Path requested) {
        if (requested == null) {
            try {
                Path temp = Files.createTempDirectory("cutover-stack-");
                Files.createFile(temp.resolve(MARKER));
                return new RunFolder(temp, true);
            } catch (IOException e) {
                throw StackException.badConfiguration(
                        "Cannot create a temporary run folder under "
                                + System.getProperty("java.io.tmpdir")
                                + ": "
                                + e,
                        e);
            }
        }
        Path path = requested.toAbsolutePath().normalize();
        try {
            Files.createDirectories(path);
        } catch (IOException e) {
            throw StackException.badConfiguration(
                    "Cannot create run folder " + path + ": " + describe(e), e);
        }
        try {
            Files.deleteIfExists(Files.createTempFile(path, ".probe-", ".tmp"));
        } catch (IOException e) {
            throw StackException.badConfiguration(
                    "Run folder " + path + " is not writable: " + describe(e), e);
        }
        Path marker = path.resolve(MARKER);
        if (!Files.exists(marker)) {
            for (String service : SERVICE_FOLDERS) {
                if (Files.exists(path.resolve(service))) {
                    throw StackException.badConfiguration(
                            "Run folder "
                                    + path
                                    + " already holds a '"
                                    + service
                                    + "' folder that the embedded stack did not make; choose an"
                                    + " empty or new folder");
                }
            }
            try {
                Files.createFile(marker);
            } catch (IOException e) {
                throw StackException.badConfiguration(
                        "Run folder " + path + " is not writable: " + describe(e), e);
            }
        }
        return new RunFolder(path, false);
    }

    /**
     * Prepares the run folder of a service started on its own and starts the service in it. A
     * temporary folder is deleted again when the start fails on bad configuration, and kept (for
     * its logs) when the service failed.
     */
    static <T> T startAlone(Path requested, Function<RunFolder, T> start) {
        RunFolder folder = prepare(requested);
        try {
            return start.apply(folder);
        } catch (RuntimeException e) {
            if (e instanceof StackException failure
                    && failure.kind() == StackException.Kind.INFRASTRUCTURE) {
                LOG.warn("Run folder {} kept for inspection", folder.path());
            } else {
                folder.deleteIfTemporary();
            }
            throw e;
        }
    }

    Path path() {
        return path;
    }

    boolean temporary() {
        return temporary;
    }

    /** The service's own sub-folder, emptied of what an earlier run left there. */
    Path serviceFolder(String service) {
        if (!SERVICE_FOLDERS.contains(service)) {
            throw new IllegalArgumentException("Unknown service folder " + service);
        }
        Path folder = path.resolve(service);
        try {
            deleteRecursively(folder);
            return Files.createDirectories(folder);
        } catch (IOException e) {
            throw StackException.badConfiguration(
                    "Cannot prepare folder " + folder + ": " + describe(e), e);
        }
    }

    /** Deletes the folder when the stack made it as a temporary one. */
    void deleteIfTemporary() {
        if (!temporary) {
            return;
        }
        try {
            deleteRecursively(path);
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Could not delete run folder {}: {}", path, e.toString());
        }
    }

    static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String describe(IOException e) {
        String reason = e.getClass().getSimpleName();
        return e.getMessage() == null ? reason : reason + " (" + e.getMessage() + ")";
    }
}

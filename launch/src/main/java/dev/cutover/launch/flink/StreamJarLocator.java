package dev.cutover.launch.flink;

import dev.cutover.contract.ArtifactLocator;
import dev.cutover.contract.CutoverException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Finds the Flink job: its shaded jar, where {@link ArtifactLocator} finds {@link
 * ArtifactLocator#STREAMING_JOB} (option {@code --stream-jar}, {@code cutover.stream.jar}, {@code
 * CUTOVER_STREAM_JAR}, a distribution's {@code stream/}, a source checkout), and the folder of
 * Flink's jars beside it ({@code flink-lib/}, needed for a local run only).
 */
public final class StreamJarLocator {
    public static final String JAR_NAME = "cutover-streaming-job.jar";
    public static final String FLINK_LIB = "flink-lib";

    /** The job jar and the folder of Flink's jars next to it. */
    public record StreamJar(Path jar, Path flinkLib) {
        /** Throws unless Flink's jars are there (a local run needs them, a REST submit not). */
        public Path requireFlinkLib() {
            if (!Files.isDirectory(flinkLib)) {
                throw CutoverException.badInput(
                        "Flink's jars are not next to the job jar: "
                                + flinkLib
                                + " is missing (mvn -pl streaming-job package puts them there)");
            }
            return flinkLib;
        }
    }

    private final ArtifactLocator artifacts;

    public StreamJarLocator() {
        this.artifacts = new ArtifactLocator();
    }

    /** For tests: see {@link ArtifactLocator}'s constructor. */
    StreamJarLocator(
            UnaryOperator<String> systemProperties,
            Map<String, String> environment,
            Path workingDir,
            Optional<Path> cliJar) {
        this.artifacts = new ArtifactLocator(systemProperties, environment, workingDir, cliJar);
    }

    public StreamJar locate(Path explicit) {
        Path jar = artifacts.locate(ArtifactLocator.STREAMING_JOB, explicit, "--stream-jar");
        return new StreamJar(jar, jar.resolveSibling(FLINK_LIB));
    }
}

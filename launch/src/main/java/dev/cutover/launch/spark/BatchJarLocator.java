package dev.cutover.launch.spark;

import dev.cutover.contract.ArtifactLocator;
import dev.cutover.contract.CutoverException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Finds the Spark job: its shaded jar, where {@link ArtifactLocator} finds {@link
 * ArtifactLocator#BATCH_JOB} (option {@code --batch-jar}, {@code cutover.batch.jar}, {@code
 * CUTOVER_BATCH_JAR}, a distribution's {@code batch/}, a source checkout), and the folder of
 * Spark's jars beside it ({@code spark-lib/}).
 */
public final class BatchJarLocator {
    public static final String JAR_NAME = "cutover-batch-baseline.jar";
    public static final String SPARK_LIB = "spark-lib";

    /** The job jar and the folder of Spark's jars. */
    public record BatchJar(Path jar, Path sparkLib) {}

    private final ArtifactLocator artifacts;

    public BatchJarLocator() {
        this.artifacts = new ArtifactLocator();
    }

    /** For tests: see {@link ArtifactLocator}'s constructor. */
    BatchJarLocator(
            UnaryOperator<String> systemProperties,
            Map<String, String> environment,
            Path workingDir,
            Optional<Path> cliJar) {
        this.artifacts = new ArtifactLocator(systemProperties, environment, workingDir, cliJar);
    }

    public BatchJar locate(Path explicit) {
        Path jar = artifacts.locate(ArtifactLocator.BATCH_JOB, explicit, "--batch-jar");
        Path sparkLib = jar.resolveSibling(SPARK_LIB);
        if (!Files.isDirectory(sparkLib)) {
            throw CutoverException.badInput(
                    "Spark's jars are not next to the batch jar: "
                            + sparkLib
                            + " is missing (mvn -pl batch-baseline package puts them there)");
        }
        return new BatchJar(jar, sparkLib);
    }
}

package dev.cutover.launch.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark home a standalone cluster runs in (the cluster itself runs in batch-baseline's
 * SparkSubmitITCase, where Spark's jars are).
 */
class StandaloneSparkClusterTest {
    @TempDir Path temp;

    @Test
    void theSparkHomeIsLaidOutLikeADistributionOnSparkLib() throws Exception {
        Path sparkLib = Files.createDirectories(temp.resolve("spark-lib"));
        Files.writeString(sparkLib.resolve("spark-core_2.13-4.1.1.jar"), "jar");

        Path home = StandaloneSparkCluster.sparkHome(sparkLib, temp.resolve("spark-home"));

        assertThat(home.resolve("jars/spark-core_2.13-4.1.1.jar")).hasContent("jar");
        Path submit = home.resolve("bin/spark-submit");
        assertThat(Files.isExecutable(submit)).isTrue();
        String script = Files.readString(submit);
        assertThat(script)
                .startsWith("#!/usr/bin/env bash\n")
                .contains("export SPARK_HOME='" + home.toAbsolutePath() + "'")
                .contains("export SPARK_LOCAL_IP=127.0.0.1")
                .contains(String.join(" ", SparkCommandLine.SPARK_JVM_FLAGS))
                .contains("-cp \"$SPARK_HOME/jars/*\" org.apache.spark.deploy.SparkSubmit \"$@\"");
        Process syntax = new ProcessBuilder("bash", "-n", submit.toString()).start();
        assertThat(syntax.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(syntax.exitValue()).as("bash -n").isZero();
    }
}

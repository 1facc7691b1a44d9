package dev.cutover.launch.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The child JVM command that runs the batch: {@code java <Spark's module flags> -cp spark-lib/*
 * org.apache.spark.deploy.SparkSubmit --master M --class dev.cutover.batch.BatchMain job.jar <job
 * arguments>}. Spark never reaches the cli's own classpath.
 */
public final class SparkCommandLine {
    public static final String MAIN_CLASS = "dev.cutover.batch.BatchMain";

    /** Spark's JavaModuleOptions for JDK 17 (STACK.md), plus UTC as the JVM's zone. */
    public static final List<String> SPARK_JVM_FLAGS =
            List.of(
                    "-XX:+IgnoreUnrecognizedVMOptions",
                    "--add-modules=jdk.incubator.vector",
                    "--add-opens=java.base/java.lang=ALL-UNNAMED",
                    "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
                    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
                    "--add-opens=java.base/java.io=ALL-UNNAMED",
                    "--add-opens=java.base/java.net=ALL-UNNAMED",
                    "--add-opens=java.base/java.nio=ALL-UNNAMED",
                    "--add-opens=java.base/java.util=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
                    "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
                    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                    "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
                    "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
                    "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
                    "--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
                    "-Djdk.reflect.useDirectMethodHandle=false",
                    "-Dio.netty.tryReflectionSetAccessible=true",
                    "-Duser.timezone=UTC");

    private SparkCommandLine() {}

    /**
     * @param javaHome the JDK that runs the child
     * @param driverMemory the driver JVM's heap, e.g. {@code 2g}
     * @param master {@code local[2]} or a cluster URL
     * @param jobArguments what {@code BatchMain} parses
     */
    public static List<String> of(
            Path javaHome,
            BatchJarLocator.BatchJar batchJar,
            String driverMemory,
            String master,
            List<String> jobArguments) {
        List<String> command = new ArrayList<>();
        command.add(javaHome.resolve("bin").resolve("java").toString());
        command.addAll(SPARK_JVM_FLAGS);
        command.add("-Xmx" + driverMemory);
        command.add("-cp");
        command.add(batchJar.sparkLib() + "/*");
        command.add("org.apache.spark.deploy.SparkSubmit");
        command.add("--master");
        command.add(master);
        if (master.startsWith("local")) {
            command.addAll(
                    List.of(
                            "--conf", "spark.driver.host=127.0.0.1",
                            "--conf", "spark.driver.bindAddress=127.0.0.1"));
        }
        command.addAll(List.of("--conf", "spark.ui.enabled=false"));
        command.add("--class");
        command.add(MAIN_CLASS);
        command.add(batchJar.jar().toString());
        command.addAll(jobArguments);
        return command;
    }

    /**
     * The same run through an installed Spark's {@code spark-submit} (a cluster's client): {@code
     * spark-submit --master M --driver-memory X --class BatchMain job.jar <job arguments>}.
     */
    public static List<String> external(
            Path sparkSubmit,
            BatchJarLocator.BatchJar batchJar,
            String driverMemory,
            String master,
            List<String> jobArguments) {
        List<String> command = new ArrayList<>();
        command.add(sparkSubmit.toString());
        command.addAll(List.of("--master", master, "--driver-memory", driverMemory));
        command.addAll(List.of("--class", MAIN_CLASS));
        command.add(batchJar.jar().toString());
        command.addAll(jobArguments);
        return command;
    }
}

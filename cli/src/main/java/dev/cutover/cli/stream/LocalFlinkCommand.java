package dev.cutover.cli.stream;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The child JVM that runs the job on a local Flink cluster: {@code java <Flink's module flags>
 * -Duser.timezone=UTC -cp flink-lib/*:cutover-streaming-job.jar dev.cutover.stream.StreamJobMain
 * --config FILE}. Flink never reaches the cli's own classpath.
 */
public final class LocalFlinkCommand {
    public static final String MAIN_CLASS = "dev.cutover.stream.StreamJobMain";

    /**
     * Flink's {@code env.java.opts.all} module flags for JDK 17 (STACK.md), plus UTC and the
     * parallel collector: every Flink JVM Cutover starts (the local job, the chaos cluster's
     * JobManager and TaskManagers). ParallelGC instead of the JDK's default G1: the job's JVM is a
     * throughput workload on few cores, where G1's barriers and concurrent threads cost CPU.
     * Measured with {@code cutover bench stream} (streaming-job/README.md, "Session 3"), the same
     * job jar in alternating runs: the bounded job's JVM spent 28-30 CPU s per 300k events instead
     * of 34-35 s with G1, its data path, GC and snapshots 12-13 s instead of 15 s.
     */
    public static final List<String> FLINK_JVM_FLAGS =
            List.of(
                    "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
                    "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
                    "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
                    "--add-opens=java.base/java.util=ALL-UNNAMED",
                    "--add-opens=java.base/java.lang=ALL-UNNAMED",
                    "--add-opens=java.base/java.net=ALL-UNNAMED",
                    "--add-opens=java.base/java.io=ALL-UNNAMED",
                    "--add-opens=java.base/java.nio=ALL-UNNAMED",
                    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
                    "--add-opens=java.base/java.text=ALL-UNNAMED",
                    "--add-opens=java.base/java.time=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED",
                    "-Duser.timezone=UTC",
                    "-XX:+UseParallelGC");

    private LocalFlinkCommand() {}

    /**
     * @param javaHome the JDK that runs the child
     * @param heap the child's heap, e.g. {@code 2g}
     * @param uiPort the local web UI's port
     * @param config the properties file with every job option (secrets included; mode 600)
     */
    public static List<String> of(
            Path javaHome, StreamJarLocator.StreamJar job, String heap, int uiPort, Path config) {
        List<String> command = new ArrayList<>();
        command.add(javaHome.resolve("bin").resolve("java").toString());
        command.addAll(FLINK_JVM_FLAGS);
        command.add("-Xmx" + heap);
        command.add("-Dcutover.flink.local-ui-port=" + uiPort);
        command.add("-Dlog4j.configurationFile=classpath:log4j2-cutover-stream.xml");
        command.add("-cp");
        command.add(job.requireFlinkLib() + "/*" + java.io.File.pathSeparator + job.jar());
        command.add(MAIN_CLASS);
        command.add("--config");
        command.add(config.toString());
        return command;
    }
}

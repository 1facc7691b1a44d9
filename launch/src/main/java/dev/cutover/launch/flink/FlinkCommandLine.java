package dev.cutover.launch.flink;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The child JVMs of Flink Cutover starts: the job on a local Flink cluster ({@code java <Flink's
 * module flags> -Duser.timezone=UTC -cp flink-lib/*:cutover-streaming-job.jar
 * dev.cutover.stream.StreamJobMain --config FILE}), and Flink's own command-line client submitting
 * the job to a cluster ({@link #flinkRun}). Flink never reaches the cli's own classpath.
 */
public final class FlinkCommandLine {
    public static final String MAIN_CLASS = "dev.cutover.stream.StreamJobMain";

    /** Flink's command-line client: the class the distribution's {@code bin/flink} runs. */
    public static final String CLI_FRONTEND = "org.apache.flink.client.cli.CliFrontend";

    /** The line of {@code flink run}'s output that names the submitted job. */
    public static final Pattern SUBMITTED =
            Pattern.compile("Job has been submitted with JobID ([0-9a-f]{32})");

    /**
     * Every Flink JVM Cutover starts (the local job, a standalone cluster's JobManager and
     * TaskManagers): Flink's {@code env.java.opts.all} module flags for JDK 17 (STACK.md), UTC (the
     * JDBC sink sends timestamps in the JVM's zone), and three choices for a throughput workload on
     * few cores, each measured with {@code cutover bench stream} (docs/benchmarks.md):
     *
     * <ul>
     *   <li>the parallel collector instead of G1, whose barriers and concurrent threads cost CPU;
     *   <li>C2 later and with less inlining: Flink's deep operator chains and generated code make
     *       C2 compilations large, and a 2-core JVM has one C2 thread;
     *   <li>{@code MetaspaceSize} 256m: no full collections for metaspace while the planner loads
     *       classes.
     * </ul>
     */
    public static final List<String> FLINK_JVM_FLAGS =
            List.of(
                    "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
                    "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
                    "--add-exports=jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED",
                    "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
                    "--add-exports=jdk.compiler/com.sun.tools.javac.parser=ALL-UNNAMED",
                    "--add-exports=jdk.compiler/com.sun.tools.javac.tree=ALL-UNNAMED",
                    "--add-exports=jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED",
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
                    "-XX:+UseParallelGC",
                    "-XX:MetaspaceSize=256m",
                    "-XX:Tier4InvocationThreshold=15000",
                    "-XX:Tier4MinInvocationThreshold=1800",
                    "-XX:Tier4CompileThreshold=45000",
                    "-XX:Tier4BackEdgeThreshold=120000",
                    "-XX:MaxInlineLevel=9",
                    "-XX:FreqInlineSize=150",
                    "-XX:InlineSmallCode=1500");

    private FlinkCommandLine() {}

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
        // The whole heap from the start, as Flink sizes its TaskManagers: the young generation is
        // not grown collection by collection while the job's state builds up.
        command.add("-Xms" + heap);
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

    /**
     * {@code flink run} as a Flink distribution's {@code bin/flink} runs it, on Flink's jars
     * instead of a distribution: {@code java <Flink's module flags> -cp flink-lib/* CliFrontend run
     * -m JOBMANAGER -c dev.cutover.stream.StreamJobMain cutover-streaming-job.jar --config FILE},
     * with {@code FLINK_CONF_DIR} in its environment (the client reads the cluster's {@code
     * config.yaml} there) and its log in {@code log} through the folder's {@code
     * log4j-cli.properties}, as the script does. The job's {@code main} runs in this client, reads
     * {@code config} (secrets included: keep it mode 600) and submits the job; the client prints
     * {@link #SUBMITTED} and ends when {@code main} returns.
     *
     * @param javaHome the JDK that runs the client
     * @param confDir the cluster's configuration folder ({@code FLINK_CONF_DIR})
     * @param jobManager the cluster's REST address, {@code host:port}
     * @param config the properties file with every job option
     * @param log the client's log file
     */
    public static ProcessBuilder flinkRun(
            Path javaHome,
            StreamJarLocator.StreamJar job,
            Path confDir,
            String jobManager,
            Path config,
            Path log) {
        List<String> command = new ArrayList<>();
        command.add(javaHome.resolve("bin").resolve("java").toString());
        command.addAll(FLINK_JVM_FLAGS);
        command.add("-Dlog.file=" + log);
        command.add("-Dlog4j.configurationFile=" + confDir.resolve("log4j-cli.properties").toUri());
        command.add("-cp");
        command.add(job.requireFlinkLib() + "/*");
        command.add(CLI_FRONTEND);
        command.addAll(List.of("run", "-m", jobManager, "-c", MAIN_CLASS));
        command.add(job.jar().toString());
        command.addAll(List.of("--config", config.toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("FLINK_CONF_DIR", confDir.toString());
        return builder;
    }
}

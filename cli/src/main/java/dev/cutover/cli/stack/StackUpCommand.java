package dev.cutover.cli.stack;

import dev.cutover.model.db.OutputTables;
import dev.cutover.stack.EmbeddedStack;
import dev.cutover.stack.StackOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cutover stack up}: starts the embedded services, creates the output tables, prints one
 * {@code KEY=VALUE} line per endpoint and {@code READY}, then runs until Ctrl-C or SIGTERM.
 */
@Command(
        name = "up",
        mixinStandardHelpOptions = true,
        description = {
            "Starts embedded Kafka, a schema registry and PostgreSQL, prints their endpoints as"
                    + " KEY=VALUE lines, then READY; Ctrl-C or SIGTERM stops them.",
            "Point later commands at the stack with: eval \"$(./cutover stack up | sed"
                    + " '/READY/q')\" … or copy the lines.",
            "The broker keeps records of any age (log.retention.ms=-1), so simulated clocks may"
                    + " stamp them far in the past; a topic's own retention.ms still applies."
        })
public final class StackUpCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(StackUpCommand.class);

    @Spec CommandSpec spec;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description =
                    "Run folder for the services' data and logs (default: a fresh temporary"
                            + " folder, deleted on stop).")
    Path dataDir;

    @Option(
            names = "--kafka-port",
            paramLabel = "PORT",
            description = "Broker port (default: a free one).")
    int kafkaPort;

    @Option(
            names = "--registry-port",
            paramLabel = "PORT",
            description = "Schema registry port (default: a free one).")
    int registryPort;

    @Option(
            names = "--postgres-port",
            paramLabel = "PORT",
            description = "PostgreSQL port (default: a free one).")
    int postgresPort;

    @Option(
            names = "--registry-jar",
            paramLabel = "JAR",
            description =
                    "The schema registry runner jar (default: found beside the installation"
                            + " or in the source tree).")
    Path registryJar;

    @Override
    public Integer call() throws InterruptedException {
        StackOptions options =
                StackOptions.defaults()
                        .withRunDir(dataDir)
                        .withKafkaPort(kafkaPort)
                        .withRegistryPort(registryPort)
                        .withPostgresPort(postgresPort)
                        .withRegistryJar(registryJar);
        StopSignal stop = new StopSignal();
        try (EmbeddedStack stack = EmbeddedStack.start(options)) {
            OutputTables.migrate(stack.jdbcUrl(), stack.jdbcUser(), stack.jdbcPassword());
            LOG.info(
                    "stack up in {} ms, run folder {}",
                    stack.startupTime().toMillis(),
                    stack.runDir());
            PrintWriter out = spec.commandLine().getOut();
            stack.endpoints().environment().forEach((key, value) -> out.println(key + "=" + value));
            out.println("READY");
            out.flush();
            stop.await();
            LOG.info("stopping the stack");
        }
        return 0;
    }
}

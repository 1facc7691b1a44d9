package dev.cutover.cli.check;

import dev.cutover.cli.options.TargetOptions;
import dev.cutover.contract.CutoverException;
import dev.cutover.contract.ExitCode;
import dev.cutover.contract.Redact;
import dev.cutover.model.registry.SchemaRegistryClient;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cutover check}: tries each service the target options name and prints one line per
 * service. Exit 0 when all answer, 3 when one does not, 2 when none is named.
 */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = "Checks that the named Kafka, schema registry and database answer.")
public final class CheckCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin TargetOptions target;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            defaultValue = "PT10S",
            description = "How long each service may take to answer (ISO-8601, default 10 s).")
    Duration timeout;

    @Override
    public Integer call() {
        List<Result> results = new ArrayList<>();
        if (target.hasKafka()) {
            results.add(kafka());
        }
        if (target.hasSchemaRegistry()) {
            results.add(registry());
        }
        if (target.hasDatabase()) {
            results.add(database());
        }
        if (results.isEmpty()) {
            throw CutoverException.badInput(
                    "nothing to check: name a service with --bootstrap-servers,"
                            + " --schema-registry or --jdbc-url (or their environment variables)");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean allOk = true;
        for (Result result : results) {
            String line =
                    String.format(
                            "%-15s %-4s %s%s",
                            result.service,
                            result.ok ? "OK" : "FAIL",
                            result.target,
                            result.detail.isEmpty() ? "" : " (" + result.detail + ")");
            out.println(line);
            if (!result.ok) {
                err.println(
                        "cutover: "
                                + result.service
                                + " at "
                                + result.target
                                + " "
                                + result.detail);
                allOk = false;
            }
        }
        return allOk ? ExitCode.OK.code() : ExitCode.INFRASTRUCTURE.code();
    }

    private Result kafka() {
        Properties properties = target.kafkaProperties();
        String servers = properties.getProperty("bootstrap.servers");
        int millis = (int) timeout.toMillis();
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        try (Admin admin = Admin.create(properties)) {
            DescribeClusterResult cluster = admin.describeCluster();
            int brokers = cluster.nodes().get(millis, TimeUnit.MILLISECONDS).size();
            String id = cluster.clusterId().get(millis, TimeUnit.MILLISECONDS);
            return new Result(
                    "kafka", true, servers, "cluster " + id + ", " + brokers + " broker(s)");
        } catch (TimeoutException e) {
            return new Result(
                    "kafka", false, servers, "did not answer within " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            return new Result("kafka", false, servers, String.valueOf(e.getCause().getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result("kafka", false, servers, "interrupted");
        }
    }

    private Result registry() {
        SchemaRegistryClient client =
                new SchemaRegistryClient(target.registryConfig().withTimeout(timeout, 2));
        try {
            int subjects = client.subjects().size();
            return new Result(
                    "schema-registry", true, client.displayUrl(), subjects + " subject(s)");
        } catch (RuntimeException e) {
            return new Result("schema-registry", false, client.displayUrl(), e.getMessage());
        }
    }

    private Result database() {
        String url = target.jdbcUrl();
        if (!url.startsWith("jdbc:postgresql:")) {
            throw CutoverException.badInput(
                    "--jdbc-url must be a PostgreSQL URL (jdbc:postgresql://host:port/db), not "
                            + Redact.jdbcUrl(url));
        }
        Properties properties = new Properties();
        if (target.jdbcUser() != null) {
            properties.setProperty("user", target.jdbcUser());
        }
        target.jdbcPassword().ifPresent(password -> properties.setProperty("password", password));
        properties.setProperty("connectTimeout", String.valueOf(Math.max(1, timeout.toSeconds())));
        properties.setProperty("loginTimeout", String.valueOf(Math.max(1, timeout.toSeconds())));
        try (Connection connection = DriverManager.getConnection(url, properties)) {
            var meta = connection.getMetaData();
            return new Result(
                    "database",
                    true,
                    Redact.jdbcUrl(url),
                    meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion());
        } catch (SQLException e) {
            return new Result("database", false, Redact.jdbcUrl(url), e.getMessage());
        }
    }

    private record Result(String service, boolean ok, String target, String detail) {}
}

package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cutover.model.CardTransactionSchemas;
import dev.cutover.model.registry.SchemaRegistryClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cutover stack up} as users run it: a process, its stdout, signals and exit codes. It runs
 * from a distribution layout (the jar, {@code lib/}, {@code registry/}) outside the source tree, so
 * it also proves the command finds the registry there.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class StackUpITCase {
    private static final Path CLI_JAR =
            Path.of(System.getProperty("cutover.cli.jar", "target/cutover-cli.jar"));

    @TempDir Path temp;
    private Process process;

    @AfterEach
    void killLeftovers() {
        if (process != null && process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    @Test
    void printsEndpointsThatAnswerAndStopsEverythingOnSigterm() throws Exception {
        process = start("stack", "up", "--data-dir", temp.resolve("run").toString());
        BufferedReader stdout =
                new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));

        Map<String, String> endpoints =
                CompletableFuture.supplyAsync(() -> readUntilReady(stdout))
                        .get(150, TimeUnit.SECONDS);

        assertThat(endpoints)
                .containsOnlyKeys(
                        "KAFKA_BOOTSTRAP_SERVERS", "SCHEMA_REGISTRY_URL", "JDBC_URL", "JDBC_USER");
        assertKafkaAnswers(endpoints.get("KAFKA_BOOTSTRAP_SERVERS"));
        assertRegistryAnswers(endpoints.get("SCHEMA_REGISTRY_URL"));
        assertOutputTablesExist(endpoints.get("JDBC_URL"), endpoints.get("JDBC_USER"));
        List<ProcessHandle> children = process.descendants().toList();
        assertThat(children).as("the registry and PostgreSQL run as child processes").isNotEmpty();

        process.destroy(); // SIGTERM

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exits after SIGTERM").isTrue();
        assertThat(process.exitValue()).as(stderr()).isZero();
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () ->
                                assertThat(
                                                children.stream()
                                                        .filter(ProcessHandle::isAlive)
                                                        .map(
                                                                p ->
                                                                        p.pid()
                                                                                + " "
                                                                                + p.info()
                                                                                        .command()
                                                                                        .orElse(
                                                                                                "?")))
                                        .as("child processes left behind")
                                        .isEmpty());
    }

    @Test
    void portAlreadyTakenIsBadInputNamingThePort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            int port = taken.getLocalPort();
            process =
                    start(
                            "stack",
                            "up",
                            "--data-dir",
                            temp.resolve("run").toString(),
                            "--kafka-port",
                            String.valueOf(port));

            assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
            String stderr = stderr();
            assertThat(process.exitValue()).as(stderr).isEqualTo(2);
            assertThat(errorLines(stderr))
                    .singleElement()
                    .asString()
                    .contains(String.valueOf(port));
            assertThat(stderr).doesNotContain("\tat ");
        }
    }

    @Test
    void dataDirThatCannotBeCreatedIsBadInputNamingThePath() throws Exception {
        Path file = Files.writeString(temp.resolve("a-file"), "not a directory");
        Path impossible = file.resolve("run");

        process = start("stack", "up", "--data-dir", impossible.toString());

        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String stderr = stderr();
        assertThat(process.exitValue()).as(stderr).isEqualTo(2);
        assertThat(errorLines(stderr)).singleElement().asString().contains(impossible.toString());
        assertThat(stderr).doesNotContain("\tat ");
    }

    private Process start(String... args) throws IOException {
        Path dist = distribution();
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-jar");
        command.add(dist.resolve("cutover-cli.jar").toString());
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .directory(temp.toFile())
                .redirectError(temp.resolve("stderr.txt").toFile())
                .start();
    }

    /** A distribution folder linking to the build's jar, lib/ and registry/. */
    private Path distribution() throws IOException {
        Path built = CLI_JAR.toAbsolutePath().getParent();
        Path dist = Files.createDirectories(temp.resolve("dist"));
        for (String entry : List.of("cutover-cli.jar", "lib", "registry")) {
            assertThat(built.resolve(entry)).as("built by mvn package").exists();
            Files.createSymbolicLink(dist.resolve(entry), built.resolve(entry));
        }
        return dist;
    }

    private String stderr() throws IOException {
        Path file = temp.resolve("stderr.txt");
        return Files.exists(file) ? Files.readString(file) : "";
    }

    private static List<String> errorLines(String stderr) {
        return stderr.lines().filter(line -> line.startsWith("cutover: ")).toList();
    }

    private static Map<String, String> readUntilReady(BufferedReader stdout) {
        Map<String, String> endpoints = new LinkedHashMap<>();
        try {
            for (String line = stdout.readLine(); line != null; line = stdout.readLine()) {
                if (line.equals("READY")) {
                    return endpoints;
                }
                int eq = line.indexOf('=');
                assertThat(eq).as("KEY=VALUE line: " + line).isPositive();
                endpoints.put(line.substring(0, eq), line.substring(eq + 1));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("stdout ended before READY; got " + endpoints);
    }

    private static void assertKafkaAnswers(String bootstrapServers) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(1);
        }
    }

    private static void assertRegistryAnswers(String url) {
        SchemaRegistryClient registry = SchemaRegistryClient.of(url);
        int id = registry.register("stack-up-it-value", CardTransactionSchemas.V1.schema());
        assertThat(registry.byId(id)).contains(CardTransactionSchemas.V1.schema());
        assertThat(registry.subjects()).contains("stack-up-it-value");
    }

    private static void assertOutputTablesExist(String jdbcUrl, String user) throws Exception {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        try (Connection connection = DriverManager.getConnection(jdbcUrl, properties);
                ResultSet rows =
                        connection
                                .createStatement()
                                .executeQuery(
                                        "SELECT table_schema || '.' || table_name FROM"
                                                + " information_schema.tables WHERE table_schema IN"
                                                + " ('stream', 'batch', 'truth') AND table_name <>"
                                                + " 'flyway_schema_history' ORDER BY 1")) {
            List<String> tables = new ArrayList<>();
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
            assertThat(tables)
                    .containsExactly(
                            "batch.account_hourly_spend",
                            "batch.card_transactions",
                            "batch.dead_letters",
                            "stream.account_hourly_spend",
                            "stream.card_transactions",
                            "stream.dead_letters",
                            "truth.account_hourly_spend",
                            "truth.card_transactions",
                            "truth.dead_letters");
        }
    }
}

package dev.cutover.cli.run;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.cutover.cli.options.DurationOption;
import dev.cutover.cli.parity.LoadSettings;
import dev.cutover.cli.parity.ParityTarget;
import dev.cutover.contract.CutoverException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * A parity run against a team's own services, as {@code cutover run --config parity.yaml} reads it
 * (see the README for a complete example). Endpoints may come from the environment; secrets must
 * ({@code ${env:NAME}} or {@code ${file:PATH}}). {@link #printed()} shows where each secret comes
 * from, never its value.
 */
record ParityConfig(
        ParityTarget target,
        int partitions,
        Flink flink,
        Spark spark,
        LoadSettings load,
        Duration grace,
        Duration catchUpTimeout,
        Optional<Path> policy,
        Path reportDir,
        String printed) {

    /**
     * @param rest the cluster's REST URL, or empty to run the job on a local cluster
     * @param keepRunning leave the job running when the run is over
     */
    record Flink(
            Optional<String> rest,
            int parallelism,
            String checkpointInterval,
            String heap,
            boolean keepRunning,
            Map<String, String> jobOptions) {}

    /**
     * @param sparkSubmit an installed Spark's spark-submit, or empty for the bundled Spark
     */
    record Spark(String master, Optional<Path> sparkSubmit, String driverMemory) {}

    static ParityConfig load(Path file) {
        return load(file, System::getenv);
    }

    static ParityConfig load(Path file, UnaryOperator<String> env) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw CutoverException.badInput("--config " + file + ": no such file");
        } catch (JacksonException e) {
            throw CutoverException.badInput(
                    "--config "
                            + file
                            + ": not valid YAML at line "
                            + e.getLocation().getLineNr()
                            + ": "
                            + e.getOriginalMessage());
        } catch (IOException e) {
            throw CutoverException.badInput("--config " + file + ": " + e.getMessage());
        }
        try {
            return read(
                    new ConfigNode(root, "", file.toAbsolutePath().getParent().normalize(), env));
        } catch (CutoverException e) {
            throw CutoverException.badInput(file + ": " + e.getMessage());
        }
    }

    private static ParityConfig read(ConfigNode root) {
        StringBuilder printed = new StringBuilder();

        ConfigNode kafka = root.section("kafka");
        Properties kafkaProperties = new Properties();
        printed.append("kafka:\n");
        String servers = kafka.required("bootstrap-servers");
        String topic = kafka.required("topic");
        int partitions = kafka.integer("partitions", 6);
        printed.append("  bootstrap-servers: ").append(servers).append('\n');
        printed.append("  topic: ").append(topic).append('\n');
        printed.append("  partitions: ").append(partitions).append('\n');
        Map<String, ConfigNode.Value> properties = kafka.map("properties");
        if (!properties.isEmpty()) {
            printed.append("  properties:\n");
        }
        properties.forEach(
                (k, v) -> {
                    kafkaProperties.setProperty(k, v.value());
                    printed.append("    ").append(k).append(": ").append(shown(v)).append('\n');
                });
        kafkaProperties.setProperty("bootstrap.servers", servers);
        kafka.finish();

        ConfigNode registry = root.section("schema-registry");
        String registryUrl = registry.required("url");
        Optional<ConfigNode.Value> userInfo = registry.secret("user-info");
        registry.finish();
        printed.append("schema-registry:\n  url: ").append(registryUrl).append('\n');
        userInfo.ifPresent(v -> printed.append("  user-info: ").append(v.source()).append('\n'));

        ConfigNode database = root.section("database");
        String jdbcUrl = database.required("url");
        if (jdbcUrl.contains("password=")) {
            throw ConfigNode.bad(
                    "database.url", "no password in the URL; use database.password: ${env:…}");
        }
        String user = database.required("user");
        Optional<ConfigNode.Value> password = database.secret("password");
        database.finish();
        printed.append("database:\n  url: ").append(jdbcUrl).append('\n');
        printed.append("  user: ").append(user).append('\n');
        password.ifPresent(v -> printed.append("  password: ").append(v.source()).append('\n'));

        ConfigNode flinkNode = root.section("flink");
        Optional<String> rest = flinkNode.optional("rest").map(ConfigNode.Value::value);
        Map<String, String> jobOptions = new LinkedHashMap<>();
        Map<String, ConfigNode.Value> jobValues = flinkNode.map("job-options");
        jobValues.forEach((k, v) -> jobOptions.put(k, v.value()));
        Flink flink =
                new Flink(
                        rest,
                        flinkNode.integer("parallelism", 2),
                        flinkNode.string("checkpoint-interval", "10s"),
                        flinkNode.string("heap", "2g"),
                        flinkNode.bool("keep-running", false),
                        jobOptions);
        flinkNode.finish();
        printed.append("flink:\n  rest: ").append(rest.orElse("(local cluster)")).append('\n');
        printed.append("  parallelism: ").append(flink.parallelism()).append('\n');
        printed.append("  checkpoint-interval: ").append(flink.checkpointInterval()).append('\n');
        printed.append("  keep-running: ").append(flink.keepRunning()).append('\n');
        jobValues.forEach(
                (k, v) ->
                        printed.append("  job-options.")
                                .append(k)
                                .append(": ")
                                .append(shown(v))
                                .append('\n'));

        ConfigNode sparkNode = root.section("spark");
        Spark spark =
                new Spark(
                        sparkNode.string("master", "local[2]"),
                        sparkNode.path("spark-submit"),
                        sparkNode.string("driver-memory", "2g"));
        sparkNode.finish();
        printed.append("spark:\n  master: ").append(spark.master()).append('\n');
        printed.append("  spark-submit: ")
                .append(spark.sparkSubmit().map(Path::toString).orElse("(bundled Spark)"))
                .append('\n');

        ConfigNode loadNode = root.section("load");
        LoadSettings load =
                new LoadSettings(
                        loadNode.integer("hours", 3),
                        loadNode.decimal("rate", 1000),
                        loadNode.decimal("speedup", 90),
                        loadNode.integer("seed", 1),
                        loadNode.integer("accounts", 5000),
                        loadNode.decimal("late-fraction", 0.01),
                        loadNode.string("late-delay", "5m..2h"),
                        loadNode.decimal("out-of-order-fraction", 0.03),
                        loadNode.decimal("duplicate-fraction", 0.01),
                        loadNode.decimal("poison-fraction", 0.001));
        loadNode.finish();
        printed.append("load: ").append(load).append('\n');

        ConfigNode runNode = root.section("run");
        String grace = runNode.string("grace", "10m");
        String catchUp = runNode.string("catch-up-timeout", "10m");
        Optional<Path> policy = runNode.path("policy");
        Path reportDir = runNode.path("report-dir").orElse(Path.of("target/cutover-report"));
        runNode.finish();
        printed.append("run:\n  grace: ").append(grace).append('\n');
        printed.append("  catch-up-timeout: ").append(catchUp).append('\n');
        printed.append("  policy: ")
                .append(policy.map(Path::toString).orElse("(default: no unexplained difference)"))
                .append('\n');
        printed.append("  report-dir: ").append(reportDir).append('\n');
        root.finish();

        ParityTarget target =
                new ParityTarget(
                        kafkaProperties,
                        topic,
                        registryUrl,
                        userInfo.map(ConfigNode.Value::value),
                        jdbcUrl,
                        user,
                        password.map(ConfigNode.Value::value));
        return new ParityConfig(
                target,
                partitions,
                flink,
                spark,
                load,
                DurationOption.parse("run.grace", grace),
                DurationOption.parse("run.catch-up-timeout", catchUp),
                policy,
                reportDir,
                printed.toString());
    }

    /** A value as printed: a secret by its source, anything else as it is. */
    private static String shown(ConfigNode.Value v) {
        return v.source() != null ? v.source() : v.value();
    }

    @Override
    public String toString() {
        return printed;
    }
}

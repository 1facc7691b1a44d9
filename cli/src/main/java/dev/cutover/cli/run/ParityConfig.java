package dev.cutover.cli.run;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.cutover.cli.options.DurationOption;
import dev.cutover.contract.CutoverException;
import dev.cutover.contract.Defaults;
import dev.cutover.contract.Durations;
import dev.cutover.launch.spark.SparkBatch;
import dev.cutover.parity.LoadSettings;
import dev.cutover.parity.ParityTarget;
import dev.cutover.parity.StreamSettings;
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
 * (see the README for a complete example), turned into the typed settings of a parity run.
 * Endpoints may come from the environment; secrets must ({@code ${env:NAME}} or {@code
 * ${file:PATH}}). {@link #printed()} is the config as YAML, with each secret shown by where it
 * comes from, never by its value.
 */
record ParityConfig(
        ParityTarget target,
        int partitions,
        Flink flink,
        SparkBatch.Settings spark,
        LoadSettings load,
        Duration grace,
        Duration catchUpTimeout,
        Optional<Path> policy,
        Path reportDir,
        boolean history,
        String printed) {

    /**
     * @param rest the cluster's REST URL, or empty to run the job on a local cluster
     * @param heap the local cluster's heap (when {@code rest} is empty)
     * @param keepRunning leave the job running when the run is over
     */
    record Flink(Optional<String> rest, String heap, boolean keepRunning, StreamSettings stream) {}

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
        Printed out = new Printed();

        ConfigNode kafka = root.section("kafka");
        out.section("kafka");
        String servers = out.value("bootstrap-servers", kafka.required("bootstrap-servers"));
        String topic = out.value("topic", kafka.required("topic"));
        int partitions = out.value("partitions", kafka.integer("partitions", 6));
        Properties kafkaProperties = new Properties();
        Map<String, ConfigNode.Value> properties = kafka.map("properties");
        out.map("properties", properties);
        properties.forEach((k, v) -> kafkaProperties.setProperty(k, v.value()));
        kafkaProperties.setProperty("bootstrap.servers", servers);
        kafka.finish();

        ConfigNode registry = root.section("schema-registry");
        out.section("schema-registry");
        String registryUrl = out.value("url", registry.required("url"));
        Optional<ConfigNode.Value> userInfo = registry.secret("user-info");
        userInfo.ifPresent(v -> out.value("user-info", v.source()));
        registry.finish();

        ConfigNode database = root.section("database");
        out.section("database");
        String jdbcUrl = out.value("url", database.required("url"));
        if (jdbcUrl.contains("password=")) {
            throw ConfigNode.bad(
                    "database.url", "no password in the URL; use database.password: ${env:…}");
        }
        String user = out.value("user", database.required("user"));
        Optional<ConfigNode.Value> password = database.secret("password");
        password.ifPresent(v -> out.value("password", v.source()));
        database.finish();

        ConfigNode flinkNode = root.section("flink");
        out.section("flink");
        Optional<String> rest = flinkNode.optional("rest").map(ConfigNode.Value::value);
        out.value("rest", rest.orElse("(a local cluster)"));
        int parallelism =
                out.value("parallelism", flinkNode.integer("parallelism", Defaults.PARALLELISM));
        Duration checkpointInterval =
                duration(
                        "flink.checkpoint-interval",
                        out.value(
                                "checkpoint-interval",
                                flinkNode.string(
                                        "checkpoint-interval", Defaults.CHECKPOINT_INTERVAL_TEXT)));
        String heap = out.value("heap", flinkNode.string("heap", Defaults.FLINK_HEAP));
        boolean keepRunning = out.value("keep-running", flinkNode.bool("keep-running", false));
        Map<String, ConfigNode.Value> jobValues = flinkNode.map("job-options");
        out.map("job-options", jobValues);
        Map<String, String> jobOptions = new LinkedHashMap<>();
        jobValues.forEach((k, v) -> jobOptions.put(k, v.value()));
        flinkNode.finish();
        Flink flink =
                new Flink(
                        rest,
                        heap,
                        keepRunning,
                        new StreamSettings(
                                parallelism,
                                checkpointInterval,
                                Defaults.STREAM_GROUP,
                                jobOptions));

        ConfigNode sparkNode = root.section("spark");
        out.section("spark");
        String master = out.value("master", sparkNode.string("master", Defaults.SPARK_MASTER));
        Optional<Path> sparkSubmit = sparkNode.path("spark-submit");
        out.value("spark-submit", sparkSubmit.map(Path::toString).orElse("(the bundled Spark)"));
        String driverMemory =
                out.value(
                        "driver-memory",
                        sparkNode.string("driver-memory", Defaults.SPARK_DRIVER_MEMORY));
        sparkNode.finish();

        ConfigNode loadNode = root.section("load");
        out.section("load");
        LoadSettings load =
                new LoadSettings(
                        out.value("hours", loadNode.integer("hours", LoadSettings.HOURS)),
                        out.value("rate", loadNode.decimal("rate", LoadSettings.RATE)),
                        out.value("speedup", loadNode.decimal("speedup", LoadSettings.SPEEDUP)),
                        out.value("seed", loadNode.integer("seed", (int) LoadSettings.SEED)),
                        out.value("accounts", loadNode.integer("accounts", LoadSettings.ACCOUNTS)),
                        out.value(
                                "late-fraction",
                                loadNode.decimal("late-fraction", LoadSettings.LATE_FRACTION)),
                        out.value(
                                "late-delay",
                                loadNode.string("late-delay", LoadSettings.LATE_DELAY)),
                        out.value(
                                "out-of-order-fraction",
                                loadNode.decimal(
                                        "out-of-order-fraction",
                                        LoadSettings.OUT_OF_ORDER_FRACTION)),
                        out.value(
                                "duplicate-fraction",
                                loadNode.decimal(
                                        "duplicate-fraction", LoadSettings.DUPLICATE_FRACTION)),
                        out.value(
                                "poison-fraction",
                                loadNode.decimal("poison-fraction", LoadSettings.POISON_FRACTION)));
        loadNode.finish();

        ConfigNode runNode = root.section("run");
        out.section("run");
        Duration grace =
                duration(
                        "run.grace",
                        out.value("grace", runNode.string("grace", Defaults.GRACE_TEXT)));
        Duration catchUp =
                duration(
                        "run.catch-up-timeout",
                        out.value(
                                "catch-up-timeout",
                                runNode.string(
                                        "catch-up-timeout", Defaults.CATCH_UP_TIMEOUT_TEXT)));
        Optional<Path> policy = runNode.path("policy");
        out.value(
                "policy",
                policy.map(Path::toString).orElse("(the default: no unexplained difference)"));
        Path reportDir = runNode.path("report-dir").orElse(Path.of("target/cutover-report"));
        out.value("report-dir", reportDir.toString());
        boolean history = out.value("history", runNode.bool("history", false));
        runNode.finish();
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
                new SparkBatch.Settings(sparkSubmit, master, driverMemory),
                load,
                grace,
                catchUp,
                policy,
                reportDir,
                history,
                out.toString());
    }

    private static Duration duration(String key, String text) {
        return DurationOption.parse(key, text);
    }

    /** The config as YAML, as it was resolved: each key with its value, a secret by its source. */
    private static final class Printed {
        private final StringBuilder text = new StringBuilder();

        void section(String name) {
            text.append(name).append(":\n");
        }

        <T> T value(String key, T value) {
            text.append("  ").append(key).append(": ").append(scalar(value)).append('\n');
            return value;
        }

        void map(String key, Map<String, ConfigNode.Value> values) {
            if (values.isEmpty()) {
                return;
            }
            text.append("  ").append(key).append(":\n");
            values.forEach(
                    (k, v) ->
                            text.append("    ")
                                    .append(k)
                                    .append(": ")
                                    .append(scalar(v.source() != null ? v.source() : v.value()))
                                    .append('\n'));
        }

        /** A YAML scalar: quoted when plain text would read as something else. */
        private static String scalar(Object value) {
            String s =
                    value instanceof Duration d
                            ? Durations.format(d)
                            : value instanceof Double d && d == Math.rint(d)
                                    ? Long.toString(d.longValue())
                                    : String.valueOf(value);
            boolean plain =
                    s.matches("[A-Za-z0-9_./:@+-][A-Za-z0-9_./:@+ \\[\\]-]*")
                            && !s.contains(": ")
                            && !s.endsWith(":");
            return plain ? s : "'" + s.replace("'", "''") + "'";
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }

    @Override
    public String toString() {
        return printed;
    }
}

package dev.cutover.stream.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.contract.stream.JobOption;
import dev.cutover.contract.stream.OptionsException;
import dev.cutover.contract.stream.StreamJobOptions;
import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects the settings from three sources, later ones winning:
 *
 * <ol>
 *   <li>the environment variables {@code JDBC_PASSWORD} and {@code SCHEMA_REGISTRY_USER_INFO}
 *       (secrets that should not appear on a command line);
 *   <li>Managed Flink's {@code application_properties.json}, property group {@value
 *       StreamJobOptions#PROPERTY_GROUP}: read through {@code
 *       com.amazonaws.services.kinesisanalytics.runtime.KinesisAnalyticsRuntime} when that class is
 *       on the classpath, or from the file named by {@code --application-properties FILE};
 *   <li>a properties file named by {@code --config FILE};
 *   <li>command-line flags {@code --key value} or {@code --key=value}.
 * </ol>
 */
public final class OptionsLoader {
    private static final Logger LOG = LoggerFactory.getLogger(OptionsLoader.class);
    private static final String RUNTIME_CLASS =
            "com.amazonaws.services.kinesisanalytics.runtime.KinesisAnalyticsRuntime";
    static final String CONFIG_FLAG = "config";
    static final String APPLICATION_PROPERTIES_FLAG = "application-properties";

    private OptionsLoader() {}

    public static StreamJobOptions load(String[] args) {
        Map<String, String> flags = parseFlags(args);
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> origin = new HashMap<>();

        put(values, origin, environment(System.getenv()), "environment");
        String appFile = flags.remove(APPLICATION_PROPERTIES_FLAG);
        Map<String, String> group =
                appFile != null ? applicationProperties(Path.of(appFile)) : managedFlinkGroup();
        put(values, origin, group, "property group " + StreamJobOptions.PROPERTY_GROUP);

        String configFile = flags.remove(CONFIG_FLAG);
        if (configFile != null) {
            put(values, origin, propertiesFile(Path.of(configFile)), "file " + configFile);
        }
        put(values, origin, flags, "command line");
        return StreamJobOptions.from(values, origin);
    }

    private static void put(
            Map<String, String> values,
            Map<String, String> origin,
            Map<String, String> source,
            String name) {
        source.forEach(
                (k, v) -> {
                    values.put(k, v);
                    origin.put(k, name);
                });
    }

    static Map<String, String> environment(Map<String, String> env) {
        Map<String, String> values = new LinkedHashMap<>();
        if (env.get("JDBC_PASSWORD") != null) {
            values.put(JobOption.JDBC_PASSWORD.key(), env.get("JDBC_PASSWORD"));
        }
        if (env.get("SCHEMA_REGISTRY_USER_INFO") != null) {
            values.put(
                    JobOption.SCHEMA_REGISTRY_USER_INFO.key(),
                    env.get("SCHEMA_REGISTRY_USER_INFO"));
        }
        return values;
    }

    static Map<String, String> parseFlags(String[] args) {
        Map<String, String> flags = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new OptionsException(
                        "unexpected argument '" + arg + "': options are --key value");
            }
            String body = arg.substring(2);
            int eq = body.indexOf('=');
            if (eq > 0) {
                flags.put(body.substring(0, eq), body.substring(eq + 1));
            } else if (i + 1 < args.length) {
                flags.put(body, args[++i]);
            } else {
                throw new OptionsException("option --" + body + " needs a value");
            }
        }
        return flags;
    }

    static Map<String, String> propertiesFile(Path file) {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException e) {
            throw new OptionsException("cannot read properties file " + file + ": " + e, e);
        }
        Map<String, String> values = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(k -> values.put(k, properties.getProperty(k)));
        return values;
    }

    /**
     * The {@value StreamJobOptions#PROPERTY_GROUP} group of an {@code application_properties.json}
     * file: {@code [{"PropertyGroupId": "...", "PropertyMap": {"key": "value"}}]}.
     */
    static Map<String, String> applicationProperties(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new OptionsException(
                    "cannot read application properties " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> values = new LinkedHashMap<>();
        if (root == null || !root.isArray()) {
            throw new OptionsException(
                    "application properties " + file + " must be a JSON array of property groups");
        }
        for (JsonNode group : root) {
            if (StreamJobOptions.PROPERTY_GROUP.equals(group.path("PropertyGroupId").asText())) {
                group.path("PropertyMap")
                        .properties()
                        .forEach(e -> values.put(e.getKey(), e.getValue().asText()));
            }
        }
        return values;
    }

    /** The property group as Managed Flink's runtime library reads it, if that library is here. */
    @SuppressWarnings("unchecked")
    static Map<String, String> managedFlinkGroup() {
        try {
            Class<?> runtime = Class.forName(RUNTIME_CLASS);
            Method get = runtime.getMethod("getApplicationProperties");
            Map<String, Properties> groups = (Map<String, Properties>) get.invoke(null);
            Properties group = groups == null ? null : groups.get(StreamJobOptions.PROPERTY_GROUP);
            Map<String, String> values = new LinkedHashMap<>();
            if (group != null) {
                group.stringPropertyNames().forEach(k -> values.put(k, group.getProperty(k)));
            }
            return values;
        } catch (ClassNotFoundException e) {
            return Map.of();
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("No Managed Flink application properties: {}", e.toString());
            return Map.of();
        }
    }
}

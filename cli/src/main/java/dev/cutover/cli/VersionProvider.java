package dev.cutover.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code cutover --version}: our version and those of the engines and services it was built with.
 */
public final class VersionProvider implements IVersionProvider {
    static final String RESOURCE = "cutover-version.properties";

    @Override
    public String[] getVersion() {
        Properties versions = load();
        return new String[] {
            "cutover " + versions.getProperty("cutover"),
            "Flink " + versions.getProperty("flink"),
            "Spark " + versions.getProperty("spark"),
            "Kafka " + versions.getProperty("kafka"),
            "Apicurio Registry " + versions.getProperty("apicurio"),
            "PostgreSQL " + versions.getProperty("postgres"),
            "Java " + System.getProperty("java.version")
        };
    }

    static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/" + RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the build");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}

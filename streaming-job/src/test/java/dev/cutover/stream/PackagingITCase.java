package dev.cutover.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The shaded job jar: connectors' factories merged, main class set, no Flink runtime inside. */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class PackagingITCase {
    private static final Path JAR =
            Path.of(System.getProperty("cutover.stream.jar", "target/cutover-streaming-job.jar"));

    @Test
    void tableFactoriesOfKafkaAndJdbcAreMergedIntoTheServiceFile() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            assertThat(service(jar, "org.apache.flink.table.factories.Factory"))
                    .contains(
                            "org.apache.flink.streaming.connectors.kafka.table.KafkaDynamicTableFactory",
                            "org.apache.flink.connector.jdbc.core.table.JdbcDynamicTableFactory",
                            "dev.cutover.stream.sink.GuardedJdbcSinkFactory");
            assertThat(service(jar, "org.apache.flink.connector.jdbc.core.database.JdbcFactory"))
                    .anyMatch(line -> line.contains("postgres"));
            assertThat(service(jar, "java.sql.Driver")).contains("org.postgresql.Driver");
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
                    .isEqualTo("dev.cutover.stream.StreamJobMain");
        }
    }

    @Test
    void containsTheJobConnectorsAndDriverButNoFlinkRuntime() throws IOException {
        assertThat(Files.size(JAR)).isGreaterThan(1_000_000);
        try (JarFile jar = new JarFile(JAR.toFile())) {
            List<String> names = jar.stream().map(ZipEntry::getName).toList();
            assertThat(names)
                    .contains(
                            "dev/cutover/stream/StreamJobMain.class",
                            "dev/cutover/model/rules/FxRates.class",
                            "org/apache/flink/connector/kafka/source/KafkaSource.class",
                            "org/postgresql/Driver.class",
                            "org/apache/avro/Schema.class",
                            "sql/card_transactions.sql");
            assertThat(names)
                    .noneMatch(
                            n ->
                                    n.startsWith("org/apache/flink/runtime/")
                                            || n.startsWith("org/apache/flink/api/")
                                            || n.startsWith("org/apache/flink/table/api/")
                                            || n.startsWith("org/apache/flink/streaming/api/")
                                            || n.startsWith("org/apache/flink/configuration/")
                                            || n.startsWith("org/slf4j/")
                                            || n.startsWith("org/apache/logging/log4j/"));
        }
    }

    private static List<String> service(JarFile jar, String name) throws IOException {
        ZipEntry entry = jar.getEntry("META-INF/services/" + name);
        assertThat(entry).as(name).isNotNull();
        try (InputStream in = jar.getInputStream(entry)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .toList();
        }
    }
}

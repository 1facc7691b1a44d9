package dev.cutover.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.contract.Ports;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Impossible options fail with BAD_CONFIGURATION naming what and where; a failed service stops the
 * others.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class EmbeddedStackBadInputITCase {

    @TempDir Path temp;

    @Test
    void aTakenKafkaPortIsBadConfiguration() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            StackOptions options =
                    StackOptions.defaults()
                            .withServices(Service.KAFKA, Service.POSTGRES)
                            .withKafkaPort(port);

            assertBadConfiguration(() -> EmbeddedStack.start(options), "Kafka port " + port);
            assertBadConfiguration(
                    () -> EmbeddedKafka.start(options.withServices(Service.KAFKA)),
                    "Kafka port " + port);
        }
    }

    @Test
    void aTakenPostgresPortIsBadConfiguration() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            StackOptions options =
                    StackOptions.defaults()
                            .withServices(Service.KAFKA, Service.POSTGRES)
                            .withPostgresPort(port);

            assertBadConfiguration(() -> EmbeddedStack.start(options), "PostgreSQL port " + port);
            assertBadConfiguration(
                    () -> EmbeddedPostgres.start(options), "PostgreSQL port " + port);
        }
    }

    @Test
    void aRunFolderThatCannotBeCreatedIsBadConfiguration() throws IOException {
        // As root, permissions stop nothing: a folder under a regular file cannot be made by
        // anyone.
        Path file = Files.writeString(temp.resolve("a-file"), "not a folder");
        Path runDir = file.resolve("sub");
        StackOptions options =
                StackOptions.defaults()
                        .withServices(Service.KAFKA, Service.POSTGRES)
                        .withRunDir(runDir);

        assertBadConfiguration(() -> EmbeddedStack.start(options), runDir.toString());
        assertBadConfiguration(
                () -> EmbeddedPostgres.start(options.withServices(Service.POSTGRES)),
                runDir.toString());
    }

    @Test
    void aMissingRegistryJarIsBadConfigurationNamingThePathSearched() {
        Path missing = temp.resolve("nowhere/quarkus-run.jar");
        StackOptions options = StackOptions.defaults().withRegistryJar(missing);

        assertBadConfiguration(() -> EmbeddedStack.start(options), missing.toString());
        assertBadConfiguration(() -> EmbeddedSchemaRegistry.start(options), missing.toString());
    }

    @Test
    void aServiceThatFailsStopsTheOthersStartedWithIt() throws IOException {
        // A jar that is not a runner: the registry's JVM exits at once, while Kafka and PostgreSQL
        // start in parallel; both must be stopped again.
        Path notARunner = Files.writeString(temp.resolve("broken.jar"), "not a jar");
        int kafkaPort = Ports.free();
        int postgresPort = Ports.free();
        StackOptions options =
                StackOptions.defaults()
                        .withRegistryJar(notARunner)
                        .withKafkaPort(kafkaPort)
                        .withPostgresPort(postgresPort)
                        .withRunDir(temp.resolve("run"));

        assertThatThrownBy(() -> EmbeddedStack.start(options))
                .isInstanceOfSatisfying(
                        StackException.class,
                        e -> {
                            assertThat(e.kind()).isEqualTo(StackException.Kind.INFRASTRUCTURE);
                            assertThat(e.getMessage())
                                    .startsWith("Schema registry exited with code")
                                    .contains("registry.log");
                        });
        assertThat(Ports.isFree(kafkaPort)).as("Kafka port released").isTrue();
        assertThat(Ports.isFree(postgresPort)).as("PostgreSQL port released").isTrue();
        assertThat(temp.resolve("run/schema-registry/registry.log")).exists();
    }

    private static void assertBadConfiguration(Runnable start, String expectedInMessage) {
        assertThatThrownBy(start::run)
                .isInstanceOfSatisfying(
                        StackException.class,
                        e -> {
                            assertThat(e.kind()).isEqualTo(StackException.Kind.BAD_CONFIGURATION);
                            assertThat(e.getMessage())
                                    .contains(expectedInMessage)
                                    .doesNotContain("\n");
                        });
    }
}

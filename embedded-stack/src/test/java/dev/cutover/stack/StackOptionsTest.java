package dev.cutover.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StackOptionsTest {

    @Test
    void defaultsStartEverythingOnFreePortsInATemporaryFolder() {
        StackOptions options = StackOptions.defaults();

        assertThat(options.services()).containsExactlyInAnyOrder(Service.values());
        assertThat(options.runDir()).isNull();
        assertThat(options.kafkaPort()).isZero();
        assertThat(options.registryPort()).isZero();
        assertThat(options.postgresPort()).isZero();
        assertThat(options.kafkaAutoCreateTopics()).isFalse();
    }

    @Test
    void withersChangeOneThing() {
        StackOptions options =
                StackOptions.defaults()
                        .withServices(Service.POSTGRES)
                        .withPostgresPort(15432)
                        .withKafkaProperty("log.retention.hours", "1");

        assertThat(options.services()).containsExactly(Service.POSTGRES);
        assertThat(options.postgresPort()).isEqualTo(15432);
        assertThat(options.kafkaProperties()).containsEntry("log.retention.hours", "1");
        assertThat(options.startTimeout()).isEqualTo(StackOptions.DEFAULT_START_TIMEOUT);
    }

    @Test
    void impossibleValuesAreBadConfiguration() {
        assertThatThrownBy(() -> StackOptions.defaults().withKafkaPort(70000))
                .isInstanceOf(StackException.class)
                .hasMessage("Kafka port 70000 is out of range (0 for a free port, or 1-65535)");
        assertThatThrownBy(() -> StackOptions.defaults().withServices(Set.of()))
                .isInstanceOf(StackException.class);
        assertThatThrownBy(() -> StackOptions.defaults().withStartTimeout(Duration.ZERO))
                .isInstanceOf(StackException.class);
    }

    @Test
    void exitCodesFollowTheCommandLineContract() {
        assertThat(StackException.Kind.BAD_CONFIGURATION.exitCode()).isEqualTo(2);
        assertThat(StackException.Kind.INFRASTRUCTURE.exitCode()).isEqualTo(3);
    }
}

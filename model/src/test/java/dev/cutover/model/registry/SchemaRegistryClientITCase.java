package dev.cutover.model.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.contract.Ports;
import dev.cutover.model.CardTransactionSchemas;
import dev.cutover.stack.Service;
import dev.cutover.stack.StackEndpoints;
import dev.cutover.testkit.EmbeddedStackTest;
import dev.cutover.testkit.TestTopic;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The client against a real registry (Apicurio's Confluent-compatible API). */
@EmbeddedStackTest(services = Service.SCHEMA_REGISTRY)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SchemaRegistryClientITCase {
    private static final Schema V1 = CardTransactionSchemas.V1.schema();
    private static final Schema V2 = CardTransactionSchemas.V2.schema();

    @Test
    void registersBothVersionsAndReadsThemBack(StackEndpoints stack, TestTopic topic) {
        SchemaRegistryClient writer = SchemaRegistryClient.of(stack.schemaRegistryUrl());
        int v1 = writer.register(topic.subject(), V1);
        int v2 = writer.register(topic.subject(), V2);

        SchemaRegistryClient reader = SchemaRegistryClient.of(stack.schemaRegistryUrl());
        assertThat(v1).isNotEqualTo(v2);
        assertThat(reader.byId(v1)).contains(V1);
        assertThat(reader.byId(v2)).contains(V2);
        RegisteredSchema latest = reader.latest(topic.subject());
        assertThat(latest.id()).isEqualTo(v2);
        assertThat(latest.version()).isEqualTo(2);
        assertThat(latest.schema()).isEqualTo(V2);
        assertThat(reader.subjects()).contains(topic.subject());
    }

    @Test
    void registeringTheSameSchemaAgainKeepsItsId(StackEndpoints stack, TestTopic topic) {
        SchemaRegistryClient client = SchemaRegistryClient.of(stack.schemaRegistryUrl());

        int first = client.register(topic.subject(), V1);
        int again = client.register(topic.subject(), V1);

        assertThat(again).isEqualTo(first);
        assertThat(client.latest(topic.subject()).version()).isEqualTo(1);
    }

    @Test
    void checksCompatibilityWithTheLatestVersion(StackEndpoints stack, TestTopic topic) {
        SchemaRegistryClient client = SchemaRegistryClient.of(stack.schemaRegistryUrl());
        client.register(topic.subject(), V1);
        // BACKWARD: the new schema must read old data. bytes -> string would be a legal promotion,
        // bytes -> int is not.
        Schema amountAsInt =
                SchemaBuilder.record("CardTransaction")
                        .namespace("dev.cutover.model")
                        .fields()
                        .requiredString("transaction_id")
                        .requiredInt("amount")
                        .endRecord();

        assertThat(client.isCompatible(topic.subject(), V2))
                .as("v2 only adds optional fields")
                .isTrue();
        assertThat(client.isCompatible(topic.subject(), amountAsInt)).isFalse();
    }

    @Test
    void unknownIdIsEmptyAndUnknownSubjectIsNotFound(StackEndpoints stack, TestTopic topic) {
        SchemaRegistryClient client = SchemaRegistryClient.of(stack.schemaRegistryUrl());

        assertThat(client.byId(987_654)).isEmpty();
        assertThatThrownBy(() -> client.latest(topic.subject()))
                .isInstanceOfSatisfying(
                        SchemaRegistryException.class,
                        e -> assertThat(e.kind()).isEqualTo(SchemaRegistryException.Kind.NOT_FOUND))
                .hasMessageContaining(topic.subject());
    }

    @Test
    void registryThatIsDownFailsTypedWithinTheTimeoutNamingTheUrlButNotTheCredentials()
            throws IOException {
        int port = Ports.free();
        String url = "http://127.0.0.1:" + port + "/apis/ccompat/v7";
        SchemaRegistryClient client =
                new SchemaRegistryClient(
                        RegistryClientConfig.of(url)
                                .withTimeout(Duration.ofSeconds(1), 3)
                                .withCredentials(
                                        new BasicCredentials("alice", "pw-not-to-be-shown")));

        long started = System.nanoTime();
        assertThatThrownBy(() -> client.byId(1))
                .isInstanceOfSatisfying(
                        SchemaRegistryException.class,
                        e -> {
                            assertThat(e.kind())
                                    .isEqualTo(SchemaRegistryException.Kind.UNAVAILABLE);
                            assertThat(e.getMessage())
                                    .contains(url)
                                    .contains("3 attempts")
                                    .doesNotContain("pw-not-to-be-shown")
                                    .doesNotContain("alice");
                        });
        // 3 attempts of at most 1 s each, plus 0.2 s + 0.4 s of backoff.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }
}

package dev.cutover.loadgen.produce;

import dev.cutover.loadgen.generate.SchemaIds;
import dev.cutover.model.CardTransactionSchemas;
import dev.cutover.model.registry.SchemaRegistryClient;
import dev.cutover.model.registry.SubjectNames;

/** Registers both schema versions under the topic's value subject (TopicNameStrategy). */
public final class SchemaRegistration {
    private SchemaRegistration() {}

    public static SchemaIds register(SchemaRegistryClient registry, String topic) {
        String subject = SubjectNames.valueSubject(topic);
        int v1 = registry.register(subject, CardTransactionSchemas.V1.schema());
        int v2 = registry.register(subject, CardTransactionSchemas.V2.schema());
        return new SchemaIds(v1, v2);
    }
}

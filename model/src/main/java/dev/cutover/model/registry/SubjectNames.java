package dev.cutover.model.registry;

/**
 * Confluent's default TopicNameStrategy: the value schema of topic {@code t} is subject {@code
 * t-value}.
 */
public final class SubjectNames {
    private SubjectNames() {}

    public static String valueSubject(String topic) {
        return topic + "-value";
    }
}

package dev.cutover.testkit;

/**
 * A topic name no other test in the JVM gets. The topic is not created: call {@link
 * KafkaTopics#create} with the partitions the test needs.
 *
 * @param name the topic's name
 */
public record TestTopic(String name) {

    /** The schema registry subject of the topic's values: {@code <topic>-value}. */
    public String subject() {
        return name + "-value";
    }
}

package dev.cutover.testkit;

import dev.cutover.stack.Service;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the test class against the embedded stack, started once per test JVM and stopped after its
 * last test. Test and lifecycle methods may declare parameters of type {@link
 * dev.cutover.stack.StackEndpoints} (where the services listen), {@link TestTopic} (a topic name of
 * their own) and {@link TestSchema} (a database schema of their own, already created).
 *
 * <pre>{@code
 * @EmbeddedStackTest(services = Service.POSTGRES)
 * class RepositoryITCase {
 *     @Test
 *     void writes(StackEndpoints stack, TestSchema schema) throws SQLException { ... }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(StackExtension.class)
public @interface EmbeddedStackTest {

    /**
     * The services this class needs; only those are started if no earlier class in the JVM started
     * them. Default: all.
     */
    Service[] services() default {Service.KAFKA, Service.SCHEMA_REGISTRY, Service.POSTGRES};
}

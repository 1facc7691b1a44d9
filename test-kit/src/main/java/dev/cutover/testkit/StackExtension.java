package dev.cutover.testkit;

import dev.cutover.stack.Service;
import dev.cutover.stack.StackEndpoints;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Starts the services a test class needs (once per test JVM, see {@link EmbeddedStackTest}) and
 * resolves {@link StackEndpoints}, {@link TestTopic} and {@link TestSchema} parameters. Within one
 * test, the topic and the schema share one unique name.
 */
public final class StackExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(StackExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        endpoints(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == StackEndpoints.class || type == TestTopic.class || type == TestSchema.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (type == StackEndpoints.class) {
            return endpoints(context);
        }
        if (type == TestTopic.class) {
            return new TestTopic(name(context));
        }
        return schema(context);
    }

    private static StackEndpoints endpoints(ExtensionContext context) {
        SharedStack stack =
                context.getRoot()
                        .getStore(NAMESPACE)
                        .getOrComputeIfAbsent(
                                SharedStack.class, key -> new SharedStack(), SharedStack.class);
        return stack.ensure(services(context));
    }

    private static TestSchema schema(ExtensionContext context) {
        return context.getStore(NAMESPACE)
                .getOrComputeIfAbsent(
                        TestSchema.class,
                        key -> {
                            StackEndpoints endpoints = endpoints(context);
                            if (!endpoints.has(Service.POSTGRES)) {
                                throw new ParameterResolutionException(
                                        "A TestSchema needs PostgreSQL: add Service.POSTGRES to"
                                                + " @EmbeddedStackTest(services = ...)");
                            }
                            TestSchema schema = new TestSchema(name(context));
                            try {
                                Jdbc.execute(endpoints, "CREATE SCHEMA " + schema.name());
                            } catch (SQLException e) {
                                throw new ParameterResolutionException(
                                        "Could not create schema " + schema.name(), e);
                            }
                            return schema;
                        },
                        TestSchema.class);
    }

    /** One unique name per test (or per class, for parameters of {@code @BeforeAll} methods). */
    private static String name(ExtensionContext context) {
        return context.getStore(NAMESPACE)
                .getOrComputeIfAbsent("name", key -> TestNames.next(context), String.class);
    }

    private static Set<Service> services(ExtensionContext context) {
        for (Optional<Class<?>> type = context.getTestClass();
                type.isPresent();
                type = type.map(Class::getEnclosingClass)) {
            Optional<EmbeddedStackTest> annotation =
                    AnnotationSupport.findAnnotation(type.get(), EmbeddedStackTest.class);
            if (annotation.isPresent()) {
                Service[] services = annotation.get().services();
                if (services.length == 0) {
                    throw new IllegalStateException(
                            "@EmbeddedStackTest(services = {}) names no service on "
                                    + type.get().getName());
                }
                return EnumSet.of(services[0], services);
            }
        }
        return EnumSet.allOf(Service.class);
    }
}

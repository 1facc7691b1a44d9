package dev.cutover.testkit;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Names unique within the test JVM, readable enough to tell which test made them. */
final class TestNames {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final int MAX_PREFIX = 40;

    private TestNames() {}

    /** e.g. {@code orderitcase_writes_7}: lower case letters, digits and underscores. */
    static String next(ExtensionContext context) {
        return next(
                context.getTestClass().map(Class::getSimpleName).orElse("test"),
                context.getTestMethod().map(m -> m.getName()).orElse(""));
    }

    static String next(String className, String methodName) {
        String test = methodName.isEmpty() ? className : className + "_" + methodName;
        String prefix = test.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        if (!Character.isLetter(prefix.charAt(0))) {
            prefix = "t_" + prefix;
        }
        if (prefix.length() > MAX_PREFIX) {
            prefix = prefix.substring(0, MAX_PREFIX);
        }
        return prefix + "_" + SEQUENCE.incrementAndGet();
    }
}

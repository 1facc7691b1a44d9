package dev.cutover.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.stack.Service;
import dev.cutover.stack.StackEndpoints;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A class that needs only PostgreSQL asks for only PostgreSQL. */
@EmbeddedStackTest(services = Service.POSTGRES)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class PostgresOnlyITCase {

    @Test
    void getsPostgresAndAFreshSchema(StackEndpoints stack, TestSchema schema) throws Exception {
        assertThat(stack.has(Service.POSTGRES)).isTrue();

        List<Map<String, Object>> tables =
                Jdbc.query(
                        stack,
                        "SELECT count(*) AS tables FROM information_schema.tables WHERE"
                                + " table_schema = ?",
                        schema.name());
        assertThat(tables).containsExactly(Map.of("tables", 0L));
    }
}

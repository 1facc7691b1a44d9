package dev.cutover.stream.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cutover.contract.Ports;
import java.io.IOException;
import java.sql.BatchUpdateException;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** The one-line reason a guarded sink gives for its database's failures. */
class GuardedSinkFunctionTest {

    @Test
    void aRefusedConnectionIsTheDriversOwnWords() throws IOException {
        int closed = Ports.free();
        SQLException refused =
                catchThrowableOfType(
                        SQLException.class,
                        () ->
                                DriverManager.getConnection(
                                        "jdbc:postgresql://127.0.0.1:" + closed + "/db",
                                        "user",
                                        "s3cret"));
        // as the connector wraps a failed reconnect of its flush thread
        Exception failure =
                new RuntimeException(
                        "Writing records to JDBC failed.",
                        new IOException("Unable to update JDBC statement executor", refused));

        assertThat(GuardedSinkFunction.reason(failure))
                .startsWith("Connection to 127.0.0.1:" + closed + " refused.")
                .doesNotContain("s3cret")
                .doesNotContain("\n");
    }

    @Test
    void aFailedBatchGivesItsCauseNotItsStatementAndValues() {
        SQLException cause =
                new SQLException("FATAL: terminating connection due to unexpected postmaster exit");
        BatchUpdateException batch =
                new BatchUpdateException(
                        "Batch entry 0 INSERT INTO s.card_transactions(transaction_id) VALUES"
                                + " (('t-1')) was aborted",
                        new int[0],
                        cause);

        assertThat(GuardedSinkFunction.reason(new IOException(batch)))
                .isEqualTo("FATAL: terminating connection due to unexpected postmaster exit");
    }

    @Test
    void aBatchWithoutCauseGivesItsNextException() {
        BatchUpdateException batch =
                new BatchUpdateException(
                        "Batch entry 0 INSERT INTO t VALUES (1) was aborted", new int[0]);
        batch.setNextException(
                new SQLException("An I/O error occurred while sending to the backend."));

        assertThat(GuardedSinkFunction.reason(batch))
                .isEqualTo("An I/O error occurred while sending to the backend.");
    }

    @Test
    void withoutADatabaseErrorItIsTheInnermostCause() {
        Exception failure =
                new RuntimeException(
                        "Writing records to JDBC failed.",
                        new NullPointerException(
                                "Cannot invoke \"addBatch()\" because \"st\" is null"));

        assertThat(GuardedSinkFunction.reason(failure))
                .isEqualTo(
                        "NullPointerException: Cannot invoke \"addBatch()\" because \"st\" is"
                                + " null");
        assertThat(GuardedSinkFunction.reason(new IllegalStateException()))
                .isEqualTo("IllegalStateException");
    }
}

package dev.cutover.recon.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.recon.Reconciler;
import dev.cutover.recon.db.ConnectionSpec;
import dev.cutover.recon.db.TableRef;
import dev.cutover.stack.Service;
import dev.cutover.stack.StackEndpoints;
import dev.cutover.testkit.EmbeddedStackTest;
import dev.cutover.testkit.Jdbc;
import dev.cutover.testkit.TestSchema;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Writes that land while a comparison runs are not seen by any of its reads: every diff mode reads
 * both tables as they were when the {@link SharedSnapshot} was exported, on however many
 * connections and transactions it uses.
 */
@EmbeddedStackTest(services = Service.POSTGRES)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class SharedSnapshotITCase {
    private static final int ROWS = 5_000;

    @Test
    void everyModeReadsBothTablesAsTheyWereAtTheExport(StackEndpoints stack, TestSchema schema)
            throws Exception {
        twinTables(
                stack,
                schema,
                "SELECT 'k' || lpad(i::text, 6, '0') AS id, i::numeric AS amount"
                        + " FROM generate_series(1, "
                        + ROWS
                        + ") i",
                "left_t",
                "right_t");
        // the right side through a connection string of its own, to the same database
        DiffSpec spec =
                Reconciler.plan(
                        request(stack, schema, "left_t", "right_t").withRightConnection(db(stack)));

        try (SharedSnapshot snapshot = SharedSnapshot.export(spec)) {
            DiffSpec pinned = snapshot.pin(spec);
            assertThat(pinned.left().snapshot()).isNotNull().isEqualTo(pinned.right().snapshot());
            // the pipelines go on writing while the comparison runs
            Jdbc.execute(
                    stack, "INSERT INTO " + schema.qualify("right_t") + " VALUES ('k999999', 1)");
            Jdbc.execute(
                    stack,
                    "UPDATE " + schema.qualify("left_t") + " SET amount = -1 WHERE id = 'k000042'");

            for (DiffResult result :
                    List.of(
                            FullDiff.run(pinned, 2),
                            ChecksumDiff.run(pinned),
                            JoinDiff.run(pinned, 2),
                            JoinDiff.run(pinned, 1))) {
                assertThat(result.leftRows()).as(result.mode()).isEqualTo(ROWS);
                assertThat(result.rightRows()).as(result.mode()).isEqualTo(ROWS);
                assertThat(result.matchedRows()).as(result.mode()).isEqualTo(ROWS);
                assertThat(result.onlyInRight()).as(result.mode()).isZero();
                assertThat(result.mismatchedRows()).as(result.mode()).isZero();
            }
        }
        // without the snapshot, the same diff sees both writes
        DiffResult now = FullDiff.run(spec, 2);
        assertThat(now.onlyInRight()).isEqualTo(1);
        assertThat(now.mismatchedRows()).isEqualTo(1);
    }

    @Test
    void oneSnapshotServesEveryComparisonOfARun(StackEndpoints stack, TestSchema schema)
            throws Exception {
        twinTables(
                stack,
                schema,
                "SELECT i AS id, i * 2 AS v FROM generate_series(1, 100) i",
                "a",
                "b");
        DiffRequest aToB = request(stack, schema, "a", "b");
        DiffRequest bToA = request(stack, schema, "b", "a");

        try (SharedSnapshot snapshot = SharedSnapshot.export(List.of(db(stack), db(stack)))) {
            Jdbc.execute(stack, "INSERT INTO " + schema.qualify("b") + " VALUES (101, 202)");
            // the second comparison runs after the first has ended, on the same state
            assertThat(Reconciler.compare(aToB, snapshot).result().differences()).isZero();
            assertThat(Reconciler.compare(bToA, snapshot).result().differences()).isZero();
        }
        assertThat(Reconciler.compare(aToB).result().onlyInRight()).isEqualTo(1);
    }

    /**
     * What a run reads besides its diffs (the batch's newest hour, late arrivals, latency) it reads
     * on {@link SharedSnapshot#open}: the same state as its comparisons.
     */
    @Test
    void aQueryOnTheSnapshotSeesWhatTheComparisonsSee(StackEndpoints stack, TestSchema schema)
            throws Exception {
        twinTables(stack, schema, "SELECT i AS id FROM generate_series(1, 10) i", "t");
        String newest = "SELECT max(id) FROM " + schema.qualify("t");

        try (SharedSnapshot snapshot = SharedSnapshot.export(List.of(db(stack)))) {
            Jdbc.execute(stack, "INSERT INTO " + schema.qualify("t") + " VALUES (11)");

            try (Connection pinned = snapshot.open(db(stack));
                    Statement statement = pinned.createStatement();
                    ResultSet rows = statement.executeQuery(newest)) {
                rows.next();
                assertThat(rows.getInt(1)).isEqualTo(10);
            }
        }
        assertThat(Jdbc.query(stack, newest).get(0).get("max")).isEqualTo(11);
    }

    /** Tables {@code names}, each holding the rows of {@code select}, unique on {@code id}. */
    private static void twinTables(
            StackEndpoints stack, TestSchema schema, String select, String... names)
            throws Exception {
        for (String table : names) {
            Jdbc.execute(stack, "CREATE TABLE " + schema.qualify(table) + " AS " + select);
            Jdbc.execute(stack, "CREATE UNIQUE INDEX ON " + schema.qualify(table) + " (id)");
        }
    }

    private static DiffRequest request(
            StackEndpoints stack, TestSchema schema, String left, String right) {
        return DiffRequest.of(
                db(stack),
                new TableRef(schema.name(), left),
                new TableRef(schema.name(), right),
                List.of("id"));
    }

    private static ConnectionSpec db(StackEndpoints stack) {
        return new ConnectionSpec(stack.jdbcUrl(), stack.jdbcUser(), stack.jdbcPassword());
    }
}

package dev.cutover.recon.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.recon.ReconException;
import dev.cutover.recon.Reconciler;
import dev.cutover.recon.compare.Tolerances;
import dev.cutover.recon.db.ConnectionSpec;
import dev.cutover.recon.db.TableRef;
import dev.cutover.stack.Service;
import dev.cutover.stack.StackEndpoints;
import dev.cutover.testkit.EmbeddedStackTest;
import dev.cutover.testkit.Jdbc;
import dev.cutover.testkit.TestSchema;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The join diff gives the full diff's result — every count, every sample — on tables of one
 * database with unique keys: cross-type columns, tolerances, filters, NULL key parts, a composite
 * key, tables stored in key order (merged by key ranges) and in any other order (the planner's
 * join); and refuses, as bad input, what it cannot join.
 */
@EmbeddedStackTest(services = Service.POSTGRES)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class JoinDiffITCase {

    private static ConnectionSpec db(StackEndpoints stack) {
        return new ConnectionSpec(stack.jdbcUrl(), stack.jdbcUser(), stack.jdbcPassword());
    }

    /** {@link PlantedDifferences} without its repeated keys, each key unique on its side. */
    private static DiffRequest planted(StackEndpoints stack, TestSchema schema) throws Exception {
        PlantedDifferences.create(stack, schema);
        for (String table : List.of("left_t", "right_t")) {
            String t = schema.qualify(table);
            Jdbc.execute(
                    stack,
                    "DELETE FROM "
                            + t
                            + " a USING "
                            + t
                            + " b WHERE a.id = b.id AND a.ctid > b.ctid");
            Jdbc.execute(stack, "CREATE UNIQUE INDEX ON " + t + " (id)");
        }
        return DiffRequest.of(
                        db(stack),
                        new TableRef(schema.name(), "left_t"),
                        new TableRef(schema.name(), "right_t"),
                        List.of("id"))
                .withTolerances(Tolerances.parse(List.of("amount=0.01", "ts=1ms")));
    }

    private static void assertSameAsFull(DiffSpec spec) {
        DiffResult full = FullDiff.run(spec, 1);
        DiffResult join = JoinDiff.run(spec);
        assertThat(join.mode()).isEqualTo("join");
        assertThat(join).usingRecursiveComparison().ignoringFields("mode").isEqualTo(full);
    }

    @Test
    void plantedDifferencesGiveTheFullDiffsResult(StackEndpoints stack, TestSchema schema)
            throws Exception {
        DiffRequest request = planted(stack, schema);

        DiffResult join = JoinDiff.run(Reconciler.plan(request));

        assertThat(join.leftRows()).isEqualTo(PlantedDifferences.LEFT_ROWS - 2);
        assertThat(join.rightRows()).isEqualTo(PlantedDifferences.RIGHT_ROWS - 1);
        assertThat(join.matchedRows()).isEqualTo(PlantedDifferences.MATCHED + 3);
        assertThat(join.mismatchedRows()).isEqualTo(PlantedDifferences.MISMATCHED);
        assertThat(join.columnMismatches()).isEqualTo(Map.of("amount", 3L, "note", 2L, "ts", 1L));
        assertThat(join.onlyInLeft()).isEqualTo(4);
        assertThat(join.onlyInRight()).isEqualTo(6);
        assertThat(join.nullKeysLeft()).isEqualTo(3);
        assertThat(join.nullKeysRight()).isEqualTo(1);
        for (DiffRequest variant :
                List.of(
                        request,
                        request.withTolerances(Map.of()).withSamples(2),
                        request.withWhere(
                                "note = 'changed' OR id LIKE 'only%'", "note = 'changed'"),
                        request.withWhere("id NOT LIKE 'only%'", null))) {
            assertSameAsFull(Reconciler.plan(variant));
        }
        assertThat(Reconciler.compare(request.withMode(Mode.JOIN)).result())
                .usingRecursiveComparison()
                .ignoringFields("mode")
                .isEqualTo(FullDiff.run(Reconciler.plan(request), 1));
    }

    @Test
    void aCompositeKeyWithNullPartsAndEqualTables(StackEndpoints stack, TestSchema schema)
            throws Exception {
        for (String table : List.of("l", "r")) {
            Jdbc.execute(
                    stack, "CREATE TABLE " + schema.qualify(table) + " (a TEXT, b INT, v NUMERIC)");
            Jdbc.execute(
                    stack,
                    "INSERT INTO "
                            + schema.qualify(table)
                            + " SELECT (ARRAY['x','X','x-','x_','Ä'])[1 + g % 5] || (g / 5), g % 7,"
                            + " g FROM generate_series(1, 500) g");
            Jdbc.execute(stack, "CREATE UNIQUE INDEX ON " + schema.qualify(table) + " (a, b)");
        }
        DiffSpec spec =
                Reconciler.plan(
                        DiffRequest.of(
                                db(stack),
                                new TableRef(schema.name(), "l"),
                                new TableRef(schema.name(), "r"),
                                List.of("a", "b")));
        // never analysed: joined by the planner's own plan, not through the key indexes
        assertThat(TableStats.storedInKeyOrder(spec)).isFalse();
        DiffResult equal = JoinDiff.run(spec);
        assertThat(equal.matchedRows()).isEqualTo(500);
        assertThat(equal.differences()).isZero();

        Jdbc.execute(
                stack,
                "INSERT INTO "
                        + schema.qualify("l")
                        + " VALUES (NULL, 1, 1), ('n', NULL, 2), (NULL, NULL, 3), ('only', 9, 9)");
        Jdbc.execute(stack, "INSERT INTO " + schema.qualify("r") + " VALUES (NULL, 1, 1)");
        Jdbc.execute(stack, "UPDATE " + schema.qualify("r") + " SET v = v + 1 WHERE v % 50 = 0");
        assertSameAsFull(spec);
        DiffResult join = JoinDiff.run(spec);
        assertThat(join.nullKeysLeft()).isEqualTo(3);
        assertThat(join.onlyInLeft()).isEqualTo(1);
        assertThat(join.mismatchedRows()).isEqualTo(10);
        assertThat(join.matchedRows()).isEqualTo(490);
    }

    @Test
    void keyRangesJoinedOnSeveralThreadsGiveTheOneJoinsResult(
            StackEndpoints stack, TestSchema schema) throws Exception {
        String l = schema.qualify("l");
        String r = schema.qualify("r");
        Jdbc.execute(
                stack,
                "CREATE TABLE " + l + " (id TEXT PRIMARY KEY, amount NUMERIC(18,2), note TEXT)");
        Jdbc.execute(
                stack,
                "INSERT INTO "
                        + l
                        + " SELECT (ARRAY['Key-','key_','KEY.','a b','ключ','Z','é','_','~'])"
                        + "[1 + g % 9] || g, g / 100.0, CASE WHEN g % 7 = 0 THEN NULL ELSE 'n' END"
                        + " FROM generate_series(1, 3000) g");
        Jdbc.execute(stack, "CREATE TABLE " + r + " (LIKE " + l + " INCLUDING ALL)");
        Jdbc.execute(stack, "INSERT INTO " + r + " SELECT * FROM " + l);
        Jdbc.execute(stack, "UPDATE " + r + " SET amount = amount + 1 WHERE id LIKE '%3'");
        Jdbc.execute(stack, "UPDATE " + r + " SET note = 'changed' WHERE id LIKE '%77'");
        Jdbc.execute(stack, "DELETE FROM " + r + " WHERE id LIKE '%51'");
        Jdbc.execute(stack, "INSERT INTO " + r + " VALUES ('0-first', 1, 'x'), ('~~last', 2, 'y')");
        // stored in key order, so the join merges through the key indexes by key ranges
        Jdbc.execute(stack, "CLUSTER " + l + " USING l_pkey");
        Jdbc.execute(stack, "CLUSTER " + r + " USING r_pkey");
        Jdbc.execute(stack, "ANALYZE " + l);
        Jdbc.execute(stack, "ANALYZE " + r);
        DiffRequest request =
                DiffRequest.of(
                        db(stack),
                        new TableRef(schema.name(), "l"),
                        new TableRef(schema.name(), "r"),
                        List.of("id"));
        assertThat(KeyRanges.plan(Reconciler.plan(request), 8, false)).isPresent();
        assertThat(TableStats.storedInKeyOrder(Reconciler.plan(request))).isTrue();

        for (DiffRequest variant : List.of(request, request.withSamples(2))) {
            DiffSpec spec = Reconciler.plan(variant);
            DiffResult full = FullDiff.run(spec, 1);
            assertThat(full.mismatchedRows()).isEqualTo(300 + 30);
            assertThat(full.onlyInLeft()).isEqualTo(30);
            assertThat(full.onlyInRight()).isEqualTo(2);
            for (int threads : List.of(1, 2, 3, 8)) {
                assertThat(JoinDiff.run(spec, threads))
                        .as("%d threads", threads)
                        .usingRecursiveComparison()
                        .ignoringFields("mode")
                        .isEqualTo(full);
            }
        }
    }

    @Test
    void whatCannotBeJoinedIsBadInputAndFiltersRunReadOnly(StackEndpoints stack, TestSchema schema)
            throws Exception {
        DiffRequest request = planted(stack, schema);
        Jdbc.execute(stack, "DROP INDEX " + schema.qualify("right_t_id_idx"));
        assertThatThrownBy(() -> JoinDiff.run(Reconciler.plan(request)))
                .isInstanceOf(ReconException.class)
                .hasMessageContaining("--mode join: the key is not covered by a unique index");
        Jdbc.execute(stack, "CREATE UNIQUE INDEX ON " + schema.qualify("right_t") + " (id)");

        ConnectionSpec elsewhere =
                new ConnectionSpec(
                        stack.jdbcUrl() + "?ApplicationName=other",
                        stack.jdbcUser(),
                        stack.jdbcPassword());
        DiffRequest twoDatabases = request.withRightConnection(elsewhere);
        assertThatThrownBy(() -> JoinDiff.run(Reconciler.plan(twoDatabases)))
                .isInstanceOf(ReconException.class)
                .hasMessageContaining("--mode join: the two tables are in different databases");

        DiffRequest dropping =
                request.withWhere(
                        "true; DROP TABLE " + schema.qualify("right_t") + "; SELECT true", null);
        assertThatThrownBy(() -> Reconciler.compare(dropping.withMode(Mode.JOIN)))
                .isInstanceOf(ReconException.class);
        assertThat(Jdbc.query(stack, "SELECT count(*) AS n FROM " + schema.qualify("right_t")))
                .containsExactly(Map.of("n", PlantedDifferences.RIGHT_ROWS - 1));
    }
}

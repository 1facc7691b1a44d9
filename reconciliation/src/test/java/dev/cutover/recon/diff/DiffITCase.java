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

/** Full and checksum diffs on the embedded PostgreSQL with planted differences of every kind. */
@EmbeddedStackTest(services = Service.POSTGRES)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class DiffITCase {

    private static DiffRequest request(StackEndpoints stack, TestSchema schema) {
        ConnectionSpec db =
                new ConnectionSpec(stack.jdbcUrl(), stack.jdbcUser(), stack.jdbcPassword());
        return DiffRequest.of(
                        db,
                        new TableRef(schema.name(), "left_t"),
                        new TableRef(schema.name(), "right_t"),
                        List.of("id"))
                .withTolerances(Tolerances.parse(List.of("amount=0.01", "ts=1ms")));
    }

    @Test
    void fullDiffCountsEveryPlantedDifferenceExactly(StackEndpoints stack, TestSchema schema)
            throws Exception {
        PlantedDifferences.create(stack, schema);

        DiffResult result = FullDiff.run(Reconciler.plan(request(stack, schema)));

        assertThat(result.leftRows()).isEqualTo(PlantedDifferences.LEFT_ROWS);
        assertThat(result.rightRows()).isEqualTo(PlantedDifferences.RIGHT_ROWS);
        assertThat(result.matchedRows()).isEqualTo(PlantedDifferences.MATCHED);
        assertThat(result.mismatchedRows()).isEqualTo(PlantedDifferences.MISMATCHED);
        assertThat(result.columnMismatches()).isEqualTo(Map.of("amount", 3L, "note", 2L, "ts", 1L));
        assertThat(result.onlyInLeft()).isEqualTo(4);
        assertThat(result.onlyInRight()).isEqualTo(6);
        assertThat(result.duplicateKeysLeft()).isEqualTo(2);
        assertThat(result.duplicateKeysRight()).isEqualTo(1);
        assertThat(result.nullKeysLeft()).isEqualTo(3);
        assertThat(result.nullKeysRight()).isEqualTo(1);
        assertThat(result.unexplained()).isEqualTo(23);
        assertThat(result.mismatches())
                .anySatisfy(
                        m -> {
                            assertThat(m.key()).containsEntry("id", PlantedDifferences.key(20));
                            assertThat(m.cells())
                                    .filteredOn(CellDiff::differs)
                                    .extracting(CellDiff::column)
                                    .containsExactly("amount");
                        });
    }

    @Test
    void withoutTolerancesTheNearValuesDiffer(StackEndpoints stack, TestSchema schema)
            throws Exception {
        PlantedDifferences.create(stack, schema);

        DiffResult result =
                FullDiff.run(Reconciler.plan(request(stack, schema).withTolerances(Map.of())));

        assertThat(result.columnMismatches()).isEqualTo(Map.of("amount", 8L, "note", 2L, "ts", 3L));
        assertThat(result.mismatchedRows()).isEqualTo(13);
    }

    @Test
    void checksumEqualsFullWithAndWithoutBisection(StackEndpoints stack, TestSchema schema)
            throws Exception {
        PlantedDifferences.create(stack, schema);
        for (DiffRequest request :
                List.of(request(stack, schema), request(stack, schema).withTolerances(Map.of()))) {
            DiffSpec spec = Reconciler.plan(request);
            DiffResult full = FullDiff.run(spec);

            DiffResult direct = ChecksumDiff.run(spec);
            DiffResult bisected = ChecksumDiff.run(spec, new ChecksumDiff.Tuning(16, 4, 8));

            assertThat(direct.countsOnly()).isEqualTo(full.countsOnly());
            assertThat(bisected.countsOnly()).isEqualTo(full.countsOnly());
        }
    }

    @Test
    void fullOnSeveralThreadsEqualsOneThread(StackEndpoints stack, TestSchema schema)
            throws Exception {
        PlantedDifferences.create(stack, schema);
        for (DiffRequest request :
                List.of(
                        request(stack, schema),
                        request(stack, schema).withTolerances(Map.of()).withSamples(2),
                        request(stack, schema).withWhere("id NOT LIKE 'only%'", null))) {
            DiffSpec spec = Reconciler.plan(request);
            DiffResult one = FullDiff.run(spec, 1);
            for (int threads : List.of(2, 3, 4, 8)) {
                // every count, every sample (the first ones in key order) and every hour
                assertThat(FullDiff.run(spec, threads)).as("%d threads", threads).isEqualTo(one);
            }
        }
        DiffResult planted = FullDiff.run(Reconciler.plan(request(stack, schema)), 4);
        assertThat(planted.nullKeysLeft()).isEqualTo(3);
        assertThat(planted.duplicateKeysLeft()).isEqualTo(2);
        assertThat(planted.matchedRows()).isEqualTo(PlantedDifferences.MATCHED);
        assertThat(
                        Reconciler.compare(
                                        request(stack, schema).withMode(Mode.FULL).withThreads(3))
                                .result())
                .isEqualTo(FullDiff.run(Reconciler.plan(request(stack, schema)), 1));
    }

    @Test
    void compositeKeysWithNullPartsAndDuplicatesSplitAcrossThreads(
            StackEndpoints stack, TestSchema schema) throws Exception {
        for (String table : List.of("l", "r")) {
            Jdbc.execute(
                    stack, "CREATE TABLE " + schema.qualify(table) + " (a TEXT, b INT, v NUMERIC)");
            Jdbc.execute(
                    stack,
                    "INSERT INTO "
                            + schema.qualify(table)
                            + " SELECT (ARRAY['x','X','x-','x_','Ä'])[1 + g % 5] || (g / 5), g % 7,"
                            + " g FROM generate_series(1, 500) g");
        }
        Jdbc.execute(
                stack,
                "INSERT INTO "
                        + schema.qualify("l")
                        + " VALUES (NULL, 1, 1), ('n', NULL, 2), (NULL, NULL, 3),"
                        + " ('dup', 1, 1), ('dup', 1, 2), ('dup', 2, 1), ('only', 9, 9)");
        Jdbc.execute(
                stack,
                "INSERT INTO "
                        + schema.qualify("r")
                        + " VALUES (NULL, 1, 1), ('dup', 2, 1), ('dup', 2, 1), ('dup', 1, 5)");
        Jdbc.execute(stack, "UPDATE " + schema.qualify("r") + " SET v = v + 1 WHERE v % 50 = 0");
        ConnectionSpec db =
                new ConnectionSpec(stack.jdbcUrl(), stack.jdbcUser(), stack.jdbcPassword());
        DiffSpec spec =
                Reconciler.plan(
                        DiffRequest.of(
                                db,
                                new TableRef(schema.name(), "l"),
                                new TableRef(schema.name(), "r"),
                                List.of("a", "b")));

        DiffResult one = FullDiff.run(spec, 1);

        assertThat(one.leftRows()).isEqualTo(507);
        assertThat(one.rightRows()).isEqualTo(504);
        assertThat(one.nullKeysLeft()).isEqualTo(3);
        assertThat(one.nullKeysRight()).isEqualTo(1);
        assertThat(one.duplicateKeysLeft()).isEqualTo(1);
        assertThat(one.duplicateKeysRight()).isEqualTo(1);
        assertThat(one.onlyInLeft()).isEqualTo(1);
        assertThat(one.onlyInRight()).isZero();
        assertThat(one.mismatchedRows()).isEqualTo(10);
        assertThat(one.matchedRows()).isEqualTo(490);
        for (int threads : List.of(2, 4, 5)) {
            assertThat(FullDiff.run(spec, threads)).as("%d threads", threads).isEqualTo(one);
        }
        assertThat(ChecksumDiff.run(spec).countsOnly()).isEqualTo(one.countsOnly());
    }

    @Test
    void perGroupAggregatesCompareCountsSumsMinAndMax(StackEndpoints stack, TestSchema schema)
            throws Exception {
        PlantedDifferences.create(stack, schema);

        AggregateResult aggregates =
                Reconciler.compare(
                                request(stack, schema).withMode(Mode.FULL).withAggregateBy("flag"))
                        .aggregates();

        assertThat(aggregates.groupBy()).isEqualTo("flag");
        assertThat(aggregates.groupCount()).isEqualTo(2);
        assertThat(aggregates.differingGroups()).isEqualTo(2);
        GroupDiff even =
                aggregates.groups().stream()
                        .filter(g -> g.group().equals("true"))
                        .findFirst()
                        .orElseThrow();
        assertThat(even.metrics())
                .filteredOn(CellDiff::differs)
                .extracting(CellDiff::column)
                .contains("sum(amount)");
    }

    @Test
    void aFilterLimitsBothSides(StackEndpoints stack, TestSchema schema) throws Exception {
        PlantedDifferences.create(stack, schema);

        DiffRequest request =
                request(stack, schema)
                        .withWhere("note = 'changed' OR id LIKE 'only%'", "note = 'changed'");
        DiffSpec spec = Reconciler.plan(request);

        DiffResult full = FullDiff.run(spec);
        assertThat(full.onlyInLeft()).isEqualTo(4);
        assertThat(full.onlyInRight()).isEqualTo(2);
        assertThat(ChecksumDiff.run(spec).countsOnly()).isEqualTo(full.countsOnly());
    }

    @Test
    void mappedColumnsOfAViewCompareLikeTheTable(StackEndpoints stack, TestSchema schema)
            throws Exception {
        PlantedDifferences.create(stack, schema);
        Jdbc.execute(
                stack,
                "CREATE VIEW "
                        + schema.qualify("right_v")
                        + " AS SELECT id, amount AS amt, qty, ts, note, flag FROM "
                        + schema.qualify("right_t"));
        DiffRequest direct = request(stack, schema);
        DiffRequest mapped =
                DiffRequest.of(
                                direct.leftConnection(),
                                direct.leftTable(),
                                new TableRef(schema.name(), "right_v"),
                                List.of("id"))
                        .withTolerances(direct.tolerances())
                        .withMap(Map.of("amount", "amt"));

        DiffSpec spec = Reconciler.plan(mapped);
        DiffResult full = FullDiff.run(spec);

        assertThat(full.columnMismatches())
                .isEqualTo(Map.of("amount→amt", 3L, "note", 2L, "ts", 1L));
        assertThat(full.matchedRows()).isEqualTo(PlantedDifferences.MATCHED);
        assertThat(ChecksumDiff.run(spec).countsOnly()).isEqualTo(full.countsOnly());
    }

    @Test
    void paddedCharKeysAndValuesEqualTheirText(StackEndpoints stack, TestSchema schema)
            throws Exception {
        Jdbc.execute(
                stack, "CREATE TABLE " + schema.qualify("c") + " (k CHAR(6), v CHAR(4), n INT)");
        Jdbc.execute(stack, "CREATE TABLE " + schema.qualify("t") + " (k TEXT, v TEXT, n NUMERIC)");
        Jdbc.execute(
                stack,
                "INSERT INTO "
                        + schema.qualify("c")
                        + " VALUES ('a', 'x', 1), ('a!', 'y', 2), ('B', 'z', 3)");
        Jdbc.execute(
                stack,
                "INSERT INTO "
                        + schema.qualify("t")
                        + " VALUES ('a', 'x', 1.0), ('a!', 'y', 2), ('B', 'zz', 3)");
        ConnectionSpec db =
                new ConnectionSpec(stack.jdbcUrl(), stack.jdbcUser(), stack.jdbcPassword());
        DiffSpec spec =
                Reconciler.plan(
                        DiffRequest.of(
                                db,
                                new TableRef(schema.name(), "c"),
                                new TableRef(schema.name(), "t"),
                                List.of("k")));

        DiffResult full = FullDiff.run(spec);

        assertThat(full.matchedRows()).isEqualTo(2);
        assertThat(full.columnMismatches()).isEqualTo(Map.of("v", 1L));
        assertThat(ChecksumDiff.run(spec).countsOnly()).isEqualTo(full.countsOnly());
    }

    @Test
    void filtersRunReadOnly(StackEndpoints stack, TestSchema schema) throws Exception {
        PlantedDifferences.create(stack, schema);
        DiffRequest request =
                request(stack, schema)
                        .withWhere(
                                "true; DROP TABLE " + schema.qualify("right_t") + "; SELECT true",
                                null);

        for (Mode mode : List.of(Mode.FULL, Mode.CHECKSUM)) {
            assertThatThrownBy(() -> Reconciler.compare(request.withMode(mode)))
                    .isInstanceOf(ReconException.class);
        }

        assertThat(Jdbc.query(stack, "SELECT count(*) AS n FROM " + schema.qualify("right_t")))
                .containsExactly(Map.of("n", PlantedDifferences.RIGHT_ROWS));
    }

    @Test
    void missingTablesAndColumnsAreBadInputNamingThem(StackEndpoints stack, TestSchema schema)
            throws Exception {
        PlantedDifferences.create(stack, schema);
        ConnectionSpec db =
                new ConnectionSpec(stack.jdbcUrl(), stack.jdbcUser(), stack.jdbcPassword());

        assertThatThrownBy(
                        () ->
                                Reconciler.plan(
                                        DiffRequest.of(
                                                db,
                                                new TableRef(schema.name(), "nope"),
                                                new TableRef(schema.name(), "right_t"),
                                                List.of("id"))))
                .isInstanceOf(ReconException.class)
                .hasMessageContaining("left table " + schema.name() + ".nope not found");
        assertThatThrownBy(
                        () ->
                                Reconciler.plan(
                                        request(stack, schema)
                                                .withColumns(
                                                        List.of("amount", "ghost"), List.of())))
                .hasMessageContaining("--columns: column ghost not found in left table");
        assertThatThrownBy(
                        () ->
                                Reconciler.plan(
                                        request(stack, schema)
                                                .withTolerances(
                                                        Tolerances.parse(List.of("note=0.1")))))
                .hasMessageContaining("--tolerance note=0.1: does not fit column type text");
    }

    @Test
    void namesThatLookLikeSqlAreOnlyEverQuotedIdentifiers(StackEndpoints stack, TestSchema schema)
            throws Exception {
        String evil = "t\"; DROP TABLE x; --";
        Jdbc.execute(stack, "CREATE TABLE " + schema.qualify("x") + " (id INT)");
        Jdbc.execute(
                stack,
                "CREATE TABLE "
                        + schema.qualify("\"" + evil.replace("\"", "\"\"") + "\"")
                                .replace(schema.name() + ".\"\"", schema.name() + ".\"")
                        + " (\"Weird Col\"\"\" INT, id INT)");
        ConnectionSpec db =
                new ConnectionSpec(stack.jdbcUrl(), stack.jdbcUser(), stack.jdbcPassword());

        DiffResult result =
                FullDiff.run(
                        Reconciler.plan(
                                DiffRequest.of(
                                        db,
                                        new TableRef(schema.name(), evil),
                                        new TableRef(schema.name(), evil),
                                        List.of("id"))));

        assertThat(result.leftRows()).isZero();
        assertThat(Jdbc.query(stack, "SELECT count(*) AS n FROM " + schema.qualify("x")))
                .containsExactly(Map.of("n", 0L));
        assertThatThrownBy(
                        () ->
                                Reconciler.plan(
                                        DiffRequest.of(
                                                db,
                                                new TableRef(schema.name(), "x; DROP TABLE x"),
                                                new TableRef(schema.name(), "x"),
                                                List.of("id"))))
                .hasMessageContaining("not found");
    }
}

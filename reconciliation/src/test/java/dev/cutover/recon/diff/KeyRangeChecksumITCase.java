package dev.cutover.recon.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.recon.Reconciler;
import dev.cutover.recon.compare.Tolerances;
import dev.cutover.recon.db.ConnectionSpec;
import dev.cutover.recon.db.TableRef;
import dev.cutover.stack.Service;
import dev.cutover.stack.StackEndpoints;
import dev.cutover.testkit.EmbeddedStackTest;
import dev.cutover.testkit.Jdbc;
import dev.cutover.testkit.TestSchema;
import dev.cutover.testkit.TestTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The checksum diff by key ranges ({@link KeyRanges}) on tables with a primary key: whatever the
 * number of ranges, its counts equal the full diff's, and it is chosen only where it applies.
 */
@EmbeddedStackTest(services = Service.POSTGRES)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class KeyRangeChecksumITCase {
    private static final int ROWS = 3_000;

    /**
     * {@code left_k}/{@code right_k}: ROWS common keys (text with case, punctuation, non-ASCII)
     * inserted in key order or shuffled; 3 amounts beyond the tolerance, 4 within it, 2 notes
     * changed (one to NULL), 5 keys only left, 7 only right.
     */
    private static void create(
            StackEndpoints stack, TestSchema schema, String keyType, boolean sorted)
            throws Exception {
        for (String table : List.of("left_k", "right_k")) {
            Jdbc.execute(
                    stack,
                    "CREATE TABLE "
                            + schema.qualify(table)
                            + " (id "
                            + keyType
                            + " PRIMARY KEY, amount NUMERIC(18,2), ts TIMESTAMPTZ, note TEXT)");
        }
        String key =
                keyType.equals("TEXT")
                        ? "(ARRAY['Key-', 'key_', 'a b', 'ключ', '😀', '~'])[1 + abs(g) % 6] ||"
                                + " lpad(g::text, 6, '0')"
                        : "g * 7";
        String order = sorted ? "ORDER BY 1" : "ORDER BY md5(g::text)";
        OffsetDateTime base = TestTime.hourStart(1).atOffset(ZoneOffset.UTC);
        Jdbc.execute(
                stack,
                "INSERT INTO "
                        + schema.qualify("left_k")
                        + " SELECT "
                        + key
                        + ", g / 100.0, CAST(? AS timestamptz) + g * interval '1 s',"
                        + " CASE WHEN g % 9 = 0 THEN NULL ELSE 'n' || g END"
                        + " FROM generate_series(1, "
                        + (ROWS + 5)
                        + ") g "
                        + order,
                base);
        Jdbc.execute(
                stack,
                "INSERT INTO "
                        + schema.qualify("right_k")
                        + " SELECT "
                        + key
                        + ", g / 100.0"
                        + " + CASE WHEN g IN (10, 1500, 2999) THEN 0.5"
                        + " WHEN g IN (20, 700, 1400, 2100) THEN 0.005 ELSE 0 END,"
                        // ts: one microsecond later, and infinity (hashed by its UTC
                        // wall time at a fixed offset: both must still differ)
                        + " CASE WHEN g = 50 THEN b.base + g * interval '1 s'"
                        + " + interval '1 microsecond'"
                        + " WHEN g = 51 THEN timestamptz 'infinity'"
                        + " ELSE b.base + g * interval '1 s' END,"
                        + " CASE WHEN g = 33 THEN 'changed' WHEN g = 34 THEN NULL"
                        + " WHEN g % 9 = 0 THEN NULL ELSE 'n' || g END"
                        + " FROM (SELECT CAST(? AS timestamptz) AS base) b, generate_series(-7, "
                        + ROWS
                        + ") g WHERE g <> 0 "
                        + order,
                base);
        Jdbc.execute(
                stack, "ANALYZE " + schema.qualify("left_k") + ", " + schema.qualify("right_k"));
    }

    private static DiffSpec spec(StackEndpoints stack, TestSchema schema, String... where) {
        ConnectionSpec db =
                new ConnectionSpec(stack.jdbcUrl(), stack.jdbcUser(), stack.jdbcPassword());
        DiffRequest request =
                DiffRequest.of(
                                db,
                                new TableRef(schema.name(), "left_k"),
                                new TableRef(schema.name(), "right_k"),
                                List.of("id"))
                        .withTolerances(Tolerances.parse(List.of("amount=0.01")));
        if (where.length == 2) {
            request = request.withWhere(where[0], where[1]);
        }
        return Reconciler.plan(request);
    }

    @Test
    void textKeyRangesOfAnyNumberEqualTheFullDiff(StackEndpoints stack, TestSchema schema)
            throws Exception {
        create(stack, schema, "TEXT", true);
        DiffSpec spec = spec(stack, schema);
        DiffResult full = FullDiff.run(spec, 1);
        assertThat(full.onlyInLeft()).isEqualTo(5);
        assertThat(full.onlyInRight()).isEqualTo(7);
        assertThat(full.mismatchedRows()).isEqualTo(7);
        assertThat(full.columnMismatches()).isEqualTo(Map.of("amount", 3L, "note", 2L, "ts", 2L));

        for (int segments : List.of(1, 2, 7, 64, 1_000, 20_000)) {
            KeyRanges ranges = KeyRanges.plan(spec, segments, true).orElseThrow();
            assertThat(ranges.size()).isBetween(Math.min(segments, 2), segments);
            DiffResult checksum = ChecksumDiff.run(spec, ranges);
            assertThat(checksum.countsOnly()).as("%s", ranges).isEqualTo(full.countsOnly());
        }
        assertThat(ChecksumDiff.run(spec).countsOnly()).isEqualTo(full.countsOnly());
    }

    @Test
    void integerKeysAndFiltersOnBothSides(StackEndpoints stack, TestSchema schema)
            throws Exception {
        create(stack, schema, "BIGINT", true);
        DiffSpec spec = spec(stack, schema, "id % 2 = 0", "id % 2 = 0 OR id < 0");
        DiffResult full = FullDiff.run(spec, 1);
        assertThat(full.onlyInRight()).isEqualTo(7);

        for (int segments : List.of(3, 50, 600)) {
            KeyRanges ranges = KeyRanges.plan(spec, segments, true).orElseThrow();
            assertThat(ChecksumDiff.run(spec, ranges).countsOnly()).isEqualTo(full.countsOnly());
        }
    }

    @Test
    void onlyTablesStoredInKeyOrderAreReadByRange(StackEndpoints stack, TestSchema schema)
            throws Exception {
        create(stack, schema, "TEXT", false);
        DiffSpec spec = spec(stack, schema);

        assertThat(KeyRanges.plan(spec, 64, true)).isEmpty();
        KeyRanges anyOrder = KeyRanges.plan(spec, 64, false).orElseThrow();
        DiffResult full = FullDiff.run(spec, 1);
        assertThat(ChecksumDiff.run(spec, anyOrder).countsOnly()).isEqualTo(full.countsOnly());
        assertThat(ChecksumDiff.run(spec).countsOnly()).isEqualTo(full.countsOnly());
    }

    @Test
    void keysWithoutAUniqueIndexOnBothSidesAreNotCutByRange(StackEndpoints stack, TestSchema schema)
            throws Exception {
        create(stack, schema, "TEXT", true);
        Jdbc.execute(
                stack,
                "ALTER TABLE " + schema.qualify("right_k") + " DROP CONSTRAINT right_k_pkey");
        DiffSpec spec = spec(stack, schema);

        assertThat(KeyRanges.plan(spec, 64, false)).isEmpty();
    }
}

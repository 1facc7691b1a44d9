package dev.cutover.recon;

import dev.cutover.recon.db.Catalog;
import dev.cutover.recon.db.ConnectionSpec;
import dev.cutover.recon.db.TableDescription;
import dev.cutover.recon.db.TableRef;
import dev.cutover.recon.diff.AggregateResult;
import dev.cutover.recon.diff.ChecksumDiff;
import dev.cutover.recon.diff.ColumnPair;
import dev.cutover.recon.diff.DiffPlanner;
import dev.cutover.recon.diff.DiffRequest;
import dev.cutover.recon.diff.DiffResult;
import dev.cutover.recon.diff.DiffSpec;
import dev.cutover.recon.diff.FullDiff;
import dev.cutover.recon.diff.GroupAggregates;
import dev.cutover.recon.diff.JoinDiff;
import dev.cutover.recon.diff.Mode;
import dev.cutover.recon.diff.SharedSnapshot;
import dev.cutover.recon.diff.TableStats;
import dev.cutover.recon.report.TableComparison;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Compares one table pair: checks it against both catalogs, picks the mode, runs the diff. */
public final class Reconciler {
    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

    private Reconciler() {}

    /** Resolves the request against both catalogs (bad input if a table or column is missing). */
    public static DiffSpec plan(DiffRequest request) {
        TableDescription left = describe(request.leftConnection(), "left", request.leftTable());
        TableDescription right = describe(request.rightConnection(), "right", request.rightTable());
        return DiffPlanner.plan(request, left, right);
    }

    /** Compares the pair as of one snapshot of each of its databases, taken now. */
    public static TableComparison compare(DiffRequest request) {
        return compare(request, null);
    }

    /**
     * Compares the pair as of {@code snapshot} (one held by the caller for several comparisons),
     * or, when null, as of one taken now.
     */
    public static TableComparison compare(DiffRequest request, SharedSnapshot snapshot) {
        long started = System.nanoTime();
        DiffSpec planned = plan(request);
        Mode mode = request.mode() == Mode.AUTO ? chooseMode(planned) : request.mode();
        LOG.info("comparing {} ({} mode)", planned.name(), mode.name().toLowerCase());
        DiffResult result;
        AggregateResult aggregates;
        try (SharedSnapshot own = snapshot == null ? SharedSnapshot.export(planned) : null) {
            DiffSpec spec = (snapshot == null ? own : snapshot).pin(planned);
            result =
                    switch (mode) {
                        case CHECKSUM -> ChecksumDiff.run(spec);
                        case JOIN -> JoinDiff.run(spec);
                        default -> FullDiff.run(spec, request.fullDiffThreads());
                    };
            aggregates =
                    request.aggregateBy() == null
                            ? null
                            : GroupAggregates.compare(spec, request.aggregateBy());
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Map<String, String> tolerances = new LinkedHashMap<>();
        for (ColumnPair column : planned.compared()) {
            if (column.tolerance() != null) {
                tolerances.put(column.name(), column.tolerance().describe());
            }
        }
        return new TableComparison(
                planned.name(),
                request.rightTable().table(),
                request.leftTable().toString(),
                request.rightTable().toString(),
                request.leftConnection().redactedUrl(),
                request.rightConnection().redactedUrl(),
                planned.keyNames(),
                planned.comparedNames(),
                tolerances,
                Math.round(seconds * 1000) / 1000.0,
                result,
                aggregates);
    }

    private static TableDescription describe(
            ConnectionSpec connection, String side, TableRef table) {
        try (Connection c = connection.open()) {
            return Catalog.describe(c, side, table);
        } catch (SQLException e) {
            throw ConnectionSpec.translate(e, "reading the catalog of " + side + " table " + table);
        }
    }

    private static Mode chooseMode(DiffSpec spec) {
        return Mode.auto(TableStats.estimatedRows(spec));
    }
}

package dev.cutover.recon.diff;

import dev.cutover.recon.ReconException;
import dev.cutover.recon.compare.Tolerance;
import dev.cutover.recon.compare.ValueComparator;
import dev.cutover.recon.compare.Values;
import dev.cutover.recon.db.ColumnKind;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Google DVT's per-group validation: {@code count(*)} and, for each numeric compared column, sum,
 * min and max per group, computed in the database on each side and compared side by side.
 */
public final class GroupAggregates {
    static final int MAX_SHOWN = 200;

    private GroupAggregates() {}

    public static AggregateResult compare(DiffSpec spec, String groupBy) {
        ColumnPair group =
                spec.allColumns()
                        .filter(c -> c.left().name().equals(groupBy))
                        .findFirst()
                        .orElseThrow(
                                () ->
                                        ReconException.badInput(
                                                "--aggregate-by "
                                                        + groupBy
                                                        + ": not a key or compared column"));
        List<ColumnPair> metrics =
                spec.compared().stream()
                        .filter(c -> c != group)
                        .filter(c -> c.left().kind() == ColumnKind.NUMBER)
                        .filter(c -> c.right().kind() == ColumnKind.NUMBER)
                        .toList();
        Map<String, BigDecimal[]> left = query(spec, Side.LEFT, group, metrics);
        Map<String, BigDecimal[]> right = query(spec, Side.RIGHT, group, metrics);
        List<GroupDiff> groups = new ArrayList<>();
        long differing = 0;
        TreeSet<String> names = new TreeSet<>(left.keySet());
        names.addAll(right.keySet());
        for (String name : names) {
            BigDecimal[] l = left.get(name);
            BigDecimal[] r = right.get(name);
            List<CellDiff> cells = new ArrayList<>();
            boolean equal = l != null && r != null;
            for (int i = 0; i < metrics.size(); i++) {
                Tolerance tolerance = metrics.get(i).tolerance();
                String[] labels = {"sum", "min", "max"};
                for (int j = 0; j < 3; j++) {
                    BigDecimal a = l == null ? null : l[1 + i * 3 + j];
                    BigDecimal b = r == null ? null : r[1 + i * 3 + j];
                    boolean differs = !ValueComparator.equal(a, b, tolerance);
                    equal &= !differs;
                    cells.add(
                            new CellDiff(
                                    labels[j] + "(" + metrics.get(i).name() + ")",
                                    Values.display(a),
                                    Values.display(b),
                                    differs));
                }
            }
            long lc = l == null ? 0 : l[0].longValue();
            long rc = r == null ? 0 : r[0].longValue();
            equal &= lc == rc;
            if (!equal) {
                differing++;
            }
            groups.add(new GroupDiff(label(group, name), lc, rc, cells, equal));
        }
        List<GroupDiff> shown =
                groups.stream()
                        .sorted(Comparator.comparing(GroupDiff::equal))
                        .limit(MAX_SHOWN)
                        .toList();
        return new AggregateResult(group.name(), groups.size(), differing, shown);
    }

    private static String label(ColumnPair group, String normalised) {
        if (group.left().kind() == ColumnKind.TIMESTAMP && !normalised.equals("NULL")) {
            BigDecimal epoch = new BigDecimal(normalised);
            return Instant.ofEpochSecond(
                            epoch.longValue(),
                            epoch.remainder(BigDecimal.ONE).movePointRight(9).longValue())
                    .toString();
        }
        return normalised;
    }

    private static Map<String, BigDecimal[]> query(
            DiffSpec spec, Side side, ColumnPair group, List<ColumnPair> metrics) {
        SideSql sql = new SideSql(spec, side);
        StringBuilder select =
                new StringBuilder("SELECT coalesce((")
                        .append(SideSql.normalised(group.side(side), null))
                        .append(")::text, 'NULL'), count(*)");
        for (ColumnPair metric : metrics) {
            String value = metric.side(side).quoted() + "::numeric";
            select.append(", sum(").append(value).append(")");
            select.append(", min(").append(value).append(")");
            select.append(", max(").append(value).append(")");
        }
        String query = select + " FROM " + sql.table() + sql.where() + " GROUP BY 1";
        Map<String, BigDecimal[]> result = new TreeMap<>();
        try (Connection connection = DiffWorkers.readOnly(spec, side)) {
            SharedSnapshot.begin(connection, spec.side(side));
            try (PreparedStatement statement = connection.prepareStatement(query);
                    ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    BigDecimal[] values = new BigDecimal[1 + metrics.size() * 3];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = rows.getBigDecimal(i + 2);
                    }
                    result.put(rows.getString(1), values);
                }
            }
        } catch (SQLException e) {
            throw Binder.translate(e, "aggregates of " + side.label() + " table");
        }
        return result;
    }
}

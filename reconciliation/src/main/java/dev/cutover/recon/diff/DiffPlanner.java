package dev.cutover.recon.diff;

import dev.cutover.recon.ReconException;
import dev.cutover.recon.compare.Tolerance;
import dev.cutover.recon.db.Column;
import dev.cutover.recon.db.ColumnKind;
import dev.cutover.recon.db.TableDescription;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves a {@link DiffRequest} against both tables' catalogs: each named column must exist on its
 * side, keys must compare by meaning, tolerances must fit their column's type. Every error is bad
 * input naming the option and the column.
 */
public final class DiffPlanner {
    private DiffPlanner() {}

    public static DiffSpec plan(
            DiffRequest request, TableDescription left, TableDescription right) {
        if (request.keys().isEmpty()) {
            throw ReconException.badInput("--key: name at least one key column");
        }
        for (String mapped : request.map().keySet()) {
            left.require(mapped, "--map " + mapped + "=" + request.map().get(mapped));
            right.require(request.map().get(mapped), "--map " + mapped);
        }
        Set<String> keyNames = new HashSet<>(request.keys());
        List<ColumnPair> keys = new ArrayList<>();
        for (String key : request.keys()) {
            ColumnPair pair = pair(request, left, right, key, "--key");
            if (!pair.left().kind().comparableWith(pair.right().kind())) {
                throw ReconException.badInput(
                        "--key "
                                + key
                                + ": left type "
                                + pair.left().pgType()
                                + " and right type "
                                + pair.right().pgType()
                                + " do not compare");
            }
            keys.add(pair);
        }
        for (String ignored : request.ignore()) {
            if (left.find(ignored).isEmpty() && right.find(ignored).isEmpty()) {
                throw ReconException.badInput(
                        "--ignore: column " + ignored + " not found in either table");
            }
        }
        List<String> names = new ArrayList<>();
        if (request.columns().isEmpty()) {
            for (Column column : left.columns()) {
                String rightName = request.map().getOrDefault(column.name(), column.name());
                if (right.find(rightName).isPresent()) {
                    names.add(column.name());
                }
            }
        } else {
            names.addAll(request.columns());
        }
        List<ColumnPair> compared = new ArrayList<>();
        for (String name : new LinkedHashSet<>(names)) {
            if (keyNames.contains(name) || request.ignore().contains(name)) {
                continue;
            }
            compared.add(pair(request, left, right, name, "--columns"));
        }
        for (Map.Entry<String, Tolerance> tolerance : request.tolerances().entrySet()) {
            String column = tolerance.getKey();
            ColumnPair pair =
                    compared.stream()
                            .filter(c -> c.left().name().equals(column))
                            .findFirst()
                            .orElseThrow(
                                    () ->
                                            ReconException.badInput(
                                                    "--tolerance "
                                                            + column
                                                            + ": not a compared column of left"
                                                            + " table "
                                                            + left.table()));
            checkTolerance(pair, tolerance.getValue());
        }
        Set<String> read = new HashSet<>(keyNames);
        compared.forEach(c -> read.add(c.left().name()));
        List<ColumnPair> extras = new ArrayList<>();
        List<String> extraNames = new ArrayList<>(request.extraColumns());
        if (request.hourColumn() != null) {
            Column hour = left.require(request.hourColumn(), "hour column");
            if (hour.kind() != ColumnKind.TIMESTAMP) {
                throw ReconException.badInput(
                        "hour column " + hour.name() + " is not a timestamp in " + left.table());
            }
            extraNames.add(request.hourColumn());
        }
        for (String extra : extraNames) {
            if (read.add(extra)) {
                extras.add(pair(request, left, right, extra, "extra column"));
            }
        }
        return new DiffSpec(
                request.name(),
                new TableSide(request.leftConnection(), left.table(), request.whereLeft()),
                new TableSide(request.rightConnection(), right.table(), request.whereRight()),
                keys,
                compared,
                extras,
                left.keyIsUnique(request.keys()),
                right.keyIsUnique(keys.stream().map(k -> k.right().name()).toList()),
                Math.max(0, request.sampleLimit()),
                request.hourColumn(),
                request.classifier());
    }

    private static ColumnPair pair(
            DiffRequest request,
            TableDescription left,
            TableDescription right,
            String name,
            String option) {
        Column l = left.require(name, option);
        Column r = right.require(request.map().getOrDefault(name, name), option);
        return new ColumnPair(l, r, request.tolerances().get(name));
    }

    private static void checkTolerance(ColumnPair pair, Tolerance tolerance) {
        boolean fits =
                tolerance instanceof Tolerance.Time
                        ? pair.left().kind() == ColumnKind.TIMESTAMP
                                && pair.right().kind() == ColumnKind.TIMESTAMP
                        : pair.left().kind() == ColumnKind.NUMBER
                                && pair.right().kind() == ColumnKind.NUMBER;
        if (!fits) {
            throw ReconException.badInput(
                    "--tolerance "
                            + pair.left().name()
                            + "="
                            + tolerance.describe()
                            + ": does not fit column type "
                            + pair.left().pgType());
        }
    }
}

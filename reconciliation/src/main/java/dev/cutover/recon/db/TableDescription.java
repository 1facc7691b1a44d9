package dev.cutover.recon.db;

import dev.cutover.recon.ReconException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A table's columns in catalog order and its unique column sets, as read from the catalog.
 *
 * @param side "left" or "right", for messages
 */
public record TableDescription(
        String side, TableRef table, List<Column> columns, List<Set<String>> uniqueColumnSets) {

    public Optional<Column> find(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** The column named {@code name}, or a bad-input error naming the table, side and option. */
    public Column require(String name, String option) {
        return find(name)
                .orElseThrow(
                        () ->
                                ReconException.badInput(
                                        option
                                                + ": column "
                                                + name
                                                + " not found in "
                                                + side
                                                + " table "
                                                + table));
    }

    /** Whether some unique index covers only columns of {@code keys}: no key can repeat. */
    public boolean keyIsUnique(List<String> keys) {
        return uniqueColumnSets.stream().anyMatch(keys::containsAll);
    }
}

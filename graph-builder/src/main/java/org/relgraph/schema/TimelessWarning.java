package org.relgraph.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The words relgraph prints about tables without time, before a model sees them ({@code query}, {@code train},
 * {@code baseline}) and in {@code inspect}: which tables, how they are reached, what it means, and the ways out.
 */
public final class TimelessWarning {
    private TimelessWarning() {
    }

    /**
     * The warning for a model that sees {@code hops} foreign-key hops from the entity table, or no lines when no
     * timeless table is in reach.
     *
     * @param reach what sets the hops, e.g. "the model's 2 layers"
     */
    public static List<String> forModel(List<TimelessTable> tables, String entityTable, int hops, String reach) {
        if (tables.isEmpty()) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "warning: %s without a time column %s within %d hop%s of %s (%s):",
                tables.size() == 1 ? "1 table" : tables.size() + " tables", tables.size() == 1 ? "is" : "are", hops,
                hops == 1 ? "" : "s", entityTable, reach));
        int width = tables.stream().mapToInt(t -> t.table().length()).max().orElse(0);
        tables.forEach(t -> lines.add(String.format(Locale.ROOT, "  %-" + width + "s  %s", t.table(), t.path())));
        lines.addAll(meaningAndWaysOut(tables));
        return lines;
    }

    /** What a timeless table means and what to do, with a {@code time_from} suggestion per table that has one. */
    public static List<String> meaningAndWaysOut(List<TimelessTable> tables) {
        List<String> lines = new ArrayList<>();
        String names = String.join(",", tables.stream().map(TimelessTable::table).toList());
        lines.add("  Their rows are shown at every prediction time, including rows created after it: a row that "
                + "exists only because of the outcome (e.g. a standing order set up to repay the loan being "
                + "predicted) leaks the label, and test scores look better than the model will do.");
        lines.add("  Ways out: give a table a time in schema.yaml (time_column: COLUMN, or time_from: FOREIGN_KEY "
                + "to take its parent row's time); mark a table that truly never changes (a district or product "
                + "catalogue) static: true; or leave it out with --exclude-tables " + names + ".");
        for (TimelessTable t : tables) {
            t.timedParentOpt().ifPresent(fk -> lines.add("  " + t.table() + " has one dated parent, "
                    + fk.referencedTable() + ": time_from: " + fk.column() + " gives each row its " + fk.referencedTable()
                    + " row's time (right for rows known as soon as their parent is, like a race's results; wrong "
                    + "for rows added later, like an account's standing orders)."));
        }
        return lines;
    }
}

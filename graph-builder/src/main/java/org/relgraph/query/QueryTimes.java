package org.relgraph.query;

import java.util.ArrayList;
import java.util.List;
import org.relgraph.table.Database;
import org.relgraph.table.Table;
import org.relgraph.table.TimeRange;

/**
 * The time range of the tables a query reads — its target table and, when timed, its entity table — with the
 * table holding the latest and the earliest row, so a split planned from it can say where its dates come from.
 */
record QueryTimes(TimeRange range, String latestTable, String earliestTable, List<String> tables) {
    static QueryTimes of(Database db, PredictiveQuery query) {
        List<String> tables = new ArrayList<>(List.of(query.targetTable()));
        if (!query.entityTable().equalsIgnoreCase(query.targetTable())) {
            tables.add(query.entityTable());
        }
        TimeRange all = TimeRange.EMPTY;
        String latest = null;
        String earliest = null;
        for (String name : tables) {
            Table t = db.table(name);
            if (t.timeColumn().isEmpty()) {
                continue;
            }
            TimeRange r = TimeRange.of(t.timeColumn().get());
            if (r.isEmpty()) {
                continue;
            }
            // Ties go to the target table, listed first: its rows are the labels.
            if (latest == null || r.max() > all.max()) {
                latest = t.name();
            }
            if (earliest == null || r.min() < all.min()) {
                earliest = t.name();
            }
            all = all.span(r);
        }
        return new QueryTimes(all, latest, earliest, List.copyOf(tables));
    }

    /** E.g. {@code "the query's tables: latest row in product_holdings (2024-12-31), earliest in customers (...)"}. */
    String describe() {
        if (range.isEmpty()) {
            return "the query's tables (" + String.join(", ", tables) + ")";
        }
        return "the query's tables: latest row in " + latestTable + " (" + SplitPlan.iso(range.max())
                + "), earliest in " + earliestTable + " (" + SplitPlan.iso(range.min()) + "); other tables are "
                + "ignored";
    }
}

package org.relgraph.models.rank;

import java.util.Arrays;
import java.util.Locale;
import org.relgraph.query.Conditions;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.RowPredicate;
import org.relgraph.query.Target;
import org.relgraph.schema.ForeignKey;
import org.relgraph.schema.SchemaException;
import org.relgraph.table.Database;
import org.relgraph.table.LongColumn;
import org.relgraph.table.Table;

/**
 * The entity × item interactions a ranking query is about, in time order, from which collaborative filtering learns:
 * ARGMAX — target rows whose condition held (e.g. accepted offers), item = the row's {@link ActionSpace} action;
 * LIST_DISTINCT — target rows, item = the row the listed foreign key references. {@link #before} reads only rows
 * strictly before a time, which is what keeps CF leakage-free.
 */
final class InteractionHistory {
    private final int items;
    private final int entities;
    private final int[] entity;
    private final long[] time;
    private final int[] item;

    private InteractionHistory(int items, int entities, int[] entity, long[] time, int[] item) {
        this.items = items;
        this.entities = entities;
        this.entity = entity;
        this.time = time;
        this.item = item;
    }

    static InteractionHistory of(Database db, PredictiveQuery query, ActionSpace actions) {
        Table target = db.table(query.targetTable());
        ForeignKey link = query.targetLink().orElseThrow(() -> new SchemaException(
                "collaborative filtering needs the target table to be a child of " + query.entityTable(),
                "rank rows of a table with a foreign key to the entity table"));
        int[] owner = db.parentRows(link);
        LongColumn times = target.timeColumn().orElseThrow(() -> new SchemaException("table " + target.name()
                + " has no time column, so CF cannot tell past interactions from future ones",
                "declare its time column in schema.yaml"));
        int[] itemOfRow;
        int itemCount;
        RowPredicate counts;
        if (query.target() instanceof Target.ArgMax argMax) {
            itemOfRow = new int[target.rowCount()];
            Arrays.setAll(itemOfRow, actions.lookup(target)::actionOf);
            itemCount = actions.size();
            counts = Conditions.compile(target, argMax.condition());
        } else if (query.target() instanceof Target.ListDistinct list) {
            ForeignKey fk = target.schema().foreignKeys().stream()
                    .filter(f -> f.column().equalsIgnoreCase(list.foreignKey().column())).findFirst().orElseThrow();
            itemOfRow = db.parentRows(fk);
            itemCount = db.table(fk.referencedTable()).rowCount();
            counts = RowPredicate.ALWAYS;
        } else {
            throw new SchemaException("collaborative filtering ranks ARGMAX and LIST_DISTINCT queries, not "
                    + query.taskType().toString().toLowerCase(Locale.ROOT) + " ones",
                    "use --kind flat-xgboost, entity-gbdt or rules for this query");
        }
        int n = 0;
        Integer[] order = new Integer[target.rowCount()];
        for (int r = 0; r < target.rowCount(); r++) {
            if (owner[r] >= 0 && itemOfRow[r] >= 0 && !times.isNull(r) && counts.test(r)) {
                order[n++] = r;
            }
        }
        Integer[] kept = Arrays.copyOf(order, n);
        Arrays.sort(kept, (a, b) -> a.equals(b) ? 0 : times.get(a) != times.get(b)
                ? Long.compare(times.get(a), times.get(b)) : Integer.compare(a, b));
        int[] entity = new int[n];
        long[] time = new long[n];
        int[] item = new int[n];
        for (int i = 0; i < n; i++) {
            entity[i] = owner[kept[i]];
            time[i] = times.get(kept[i]);
            item[i] = itemOfRow[kept[i]];
        }
        return new InteractionHistory(itemCount, db.table(query.entityTable()).rowCount(), entity, time, item);
    }

    int items() {
        return items;
    }

    /** Interactions with time strictly before {@code t} (an anchor, or the as-of time of scoring). */
    Snapshot before(long t) {
        int end = lowerBound(t);
        return new Snapshot(items, entities, Arrays.copyOf(entity, end), Arrays.copyOf(item, end));
    }

    /** Latest time of any interaction, or Long.MIN_VALUE when there is none. */
    long latest() {
        return time.length == 0 ? Long.MIN_VALUE : time[time.length - 1];
    }

    private int lowerBound(long t) {
        int lo = 0;
        int hi = time.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (time[mid] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}

package org.relgraph.query;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.relgraph.schema.ForeignKey;
import org.relgraph.schema.SchemaException;
import org.relgraph.table.Column;
import org.relgraph.table.Database;
import org.relgraph.table.LongColumn;
import org.relgraph.table.Table;

/**
 * Builds the labelled examples of a {@link PredictiveQuery} over a loaded {@link Database}, columnar and in
 * memory. For each anchor time {@code t}:
 * <ol>
 *   <li>the entities are the rows of the entity table that exist at {@code t} (row time ≤ t; a null time or a
 *       static table counts as always existing) and pass the filter evaluated as of {@code t}
 *       (see {@link PredictiveQuery} for the existential meaning of child-table conditions);</li>
 *   <li>labels come only from target rows with time in {@code (t + start, t + end]}: a row exactly at {@code t}
 *       is history, a row exactly at {@code t + end} is label.</li>
 * </ol>
 * Which entities get an example without rows in the window depends on the target: BOOL, COUNT, SUM and
 * COUNT_DISTINCT give every entity an example (0 when it has no rows); see {@link AggregateLabeler},
 * {@link ListDistinctLabeler} and {@link ArgMaxLabeler} for the others.
 *
 * <p>The target table is sorted by time once; each anchor then visits only its window's rows. Not thread-safe.
 */
public final class TrainingTableBuilder {
    private final PredictiveQuery query;
    private final Table entities;
    private final Optional<LongColumn> entityTime;
    private final Column entityKeys;
    private final EntityFilter.Test filter;
    private final WindowLabeler labeler;
    private final TimeOrder order;
    private final EligibleEntities eligible;
    private final Column listKeys;
    private final Column candidateKeys;
    private long rowsVisited;
    private final Database db;
    private EntityFilter.Test predictionFilter;

    public TrainingTableBuilder(Database db, PredictiveQuery query) {
        this.query = query;
        this.db = db;
        this.entities = db.table(query.entityTable());
        this.entityTime = entities.timeColumn();
        this.entityKeys = entities.requireColumn(query.entityKey());
        this.filter = EntityFilter.compile(db, query);
        Table target = db.table(query.targetTable());
        LongColumn time = target.timeColumn().orElseThrow(() -> new SchemaException("target table "
                + target.name() + " has no time column", "a label window needs row times"));
        this.order = new TimeOrder(time);
        int[] entityOf = query.targetLink().map(db::parentRows).orElse(null);
        WindowRows rows = new WindowRows(order, entityOf);
        this.labeler = labeler(db, target, rows);
        this.eligible = new EligibleEntities(entities.rowCount());
        this.listKeys = query.target() instanceof Target.ListDistinct l
                ? primaryKey(db.table(listForeignKey(target, l).referencedTable())) : null;
        this.candidateKeys = query.target() instanceof Target.ArgMax ? primaryKey(target) : null;
    }

    private static Column primaryKey(Table table) {
        return table.schema().primaryKeyOpt().map(table::requireColumn).orElse(null);
    }

    private static ForeignKey listForeignKey(Table target, Target.ListDistinct l) {
        return target.schema().foreignKeys().stream()
                .filter(k -> k.column().equalsIgnoreCase(l.foreignKey().column())).findFirst()
                .orElseThrow(() -> new SchemaException(l.foreignKey().render() + " is not a foreign key",
                        "bind the query against this database's schema"));
    }

    private WindowLabeler labeler(Database db, Table target, WindowRows rows) {
        RowPredicateCompiler compiler = new RowPredicateCompiler(target);
        int n = entities.rowCount();
        Target t = query.target();
        if (t instanceof Target.Bool b) {
            return new BoolLabeler(rows, compiler.compile(b.condition()), n);
        }
        if (t instanceof Target.ArgMax a) {
            return new ArgMaxLabeler(rows, compiler.compile(a.condition()));
        }
        if (t instanceof Target.ListDistinct l) {
            return new ListDistinctLabeler(rows, db.parentRows(listForeignKey(target, l)));
        }
        Target.Aggregate a = (Target.Aggregate) t;
        Column column = a.column().isAllRows() ? null : target.requireColumn(a.column().column());
        RowPredicate where = a.where() == null ? RowPredicate.ALWAYS : compiler.compile(a.where());
        return new AggregateLabeler(rows, a, column, where, n);
    }

    /** Train, val and test tables for the anchors of {@code plan}. */
    public TrainingSplits build(SplitPlan plan) {
        return new TrainingSplits(build("train", plan.trainAnchors()), build("val", plan.valAnchors()),
                build("test", plan.testAnchors()));
    }

    /** The examples of all {@code anchors}, in the order given, under the name {@code split}. */
    public TrainingTable build(String split, List<Long> anchors) {
        boolean lists = query.target() instanceof Target.ListDistinct;
        boolean candidates = query.target() instanceof Target.ArgMax;
        TrainingTable.Builder out = new TrainingTable.Builder(split, query.taskType(), entityKeys, lists, candidates)
                .listKeys(listKeys).candidateKeys(candidateKeys);
        TimeWindow window = query.window();
        for (long t : anchors) {
            out.anchor(t);
            selectEntities(t);
            int from = order.firstAfter(window.startTime(t));
            int to = order.firstAfter(window.endTime(t));
            rowsVisited += to - from;
            labeler.label(t, from, to, eligible, out);
        }
        return out.build();
    }

    private void selectEntities(long t) {
        Arrays.fill(eligible.mask, false);
        eligible.count = 0;
        for (int e = 0; e < entities.rowCount(); e++) {
            if (existsAt(e, t) && filter.passes(e, t)) {
                eligible.mask[e] = true;
                eligible.rows[eligible.count++] = e;
            }
        }
    }

    private boolean existsAt(int entityRow, long t) {
        return entityTime.isEmpty() || entityTime.get().isNull(entityRow) || entityTime.get().get(entityRow) <= t;
    }

    /**
     * The entity rows to score as of {@code t}: those that exist at {@code t} and pass the filter reading only
     * rows at or before {@code t}. Population conditions (windows after {@code t}) are unknowable when scoring and
     * count as satisfied.
     */
    public int[] population(long t) {
        EntityFilter.Test scoringFilter = predictionFilter();
        int[] rows = new int[entities.rowCount()];
        int n = 0;
        for (int e = 0; e < entities.rowCount(); e++) {
            if (existsAt(e, t) && scoringFilter.passes(e, t)) {
                rows[n++] = e;
            }
        }
        return Arrays.copyOf(rows, n);
    }

    private EntityFilter.Test predictionFilter() {
        if (predictionFilter == null) {
            predictionFilter = query.hasPopulationCondition() ? EntityFilter.compile(db, query, true) : filter;
        }
        return predictionFilter;
    }

    /** Target rows visited in label windows so far, over all builds; for throughput measurements. */
    public long rowsVisited() {
        return rowsVisited;
    }
}

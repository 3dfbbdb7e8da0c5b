package org.relgraph.spark;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.relgraph.query.Aggregation;
import org.relgraph.query.ColumnRef;
import org.relgraph.query.CompareOp;
import org.relgraph.query.Expr;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.SplitPlan;
import org.relgraph.query.Target;
import org.relgraph.query.TimeWindow;
import org.relgraph.schema.ForeignKey;
import org.relgraph.schema.SemanticType;
import org.relgraph.schema.TableSchema;
import org.relgraph.table.TimeRange;

/**
 * A bound {@link PredictiveQuery} compiled to Spark DataFrame operations: the rows {@code relgraph query --out}
 * writes (entity key, anchor, label, split), with the meaning documented on {@link PredictiveQuery} and computed by
 * {@code TrainingTableBuilder}. The driver plans (the anchors, each window's bounds, the compiled conditions);
 * executors read the tables, join and aggregate. See docs/SPARK.md for what is shuffled.
 *
 * <ol>
 *   <li>Examples: the entity table × the anchors (a broadcast of a few hundred rows), keeping an entity from its
 *       own time on (a null or absent time: always), then the filter. Each filter test is a column: a test of the
 *       entity's row directly; a child-table test as the earliest time a linked child row satisfies it (one
 *       aggregation per test, joined by key) compared with the anchor; a windowed aggregate as the aggregate of the
 *       rows in the condition's own window per (entity, anchor), joined by both.</li>
 *   <li>Labels: the target's rows, each paired with the anchors whose label window holds it
 *       ({@link AnchorWindows}), grouped per (entity, anchor), joined onto the examples; an example without rows
 *       gets 0 (BOOL, COUNT, COUNT_DISTINCT, SUM) or no row (AVG, MIN, MAX, FIRST, LAST). FIRST or LAST of a text
 *       column (categorical, text, a text id) is the value's dictionary code, numbered as the loader numbers it
 *       ({@link CategoryCodes}); compared with a literal, the value itself is compared.</li>
 *   <li>Order: train, val, test; within a split anchor by anchor; within an anchor the entity table's file order,
 *       the single-machine order.</li>
 * </ol>
 */
final class SparkLabels {
    static final String KEY = WindowAggregates.KEY;
    static final String ANCHOR = WindowAggregates.ANCHOR;
    static final String SPLIT = "__split";
    static final String SPLIT_ORDER = "__split_order";
    static final String ENTITY_ROW = "__entity_row";
    static final String ENTITY_TIME = "__entity_time";
    static final String LABEL = "__label";
    private static final String LEAF = "__leaf";
    private static final String TARGET_TIME = "__target_time";
    private static final String TARGET_ROW = "__target_row";
    private static final String TARGET_KEY = "__target_key";
    private static final String LIST_KEY = "__list_key";
    private static final String LIST_ROW = "__list_row";
    private static final String LIST_TEXT = "__list_text";
    private static final String LIST_REF = "__list_ref";
    private static final String LIST_ITEMS = "__list_items";
    private static final String HIT = "__hit";
    private static final List<String> SPLITS = List.of("train", "val", "test");
    /** The anchors examples are made for: time, split name, the split's place in file order. */
    private static final StructType ANCHORS = new StructType().add(ANCHOR, DataTypes.LongType, false)
            .add(SPLIT, DataTypes.StringType, false).add(SPLIT_ORDER, DataTypes.IntegerType, false);

    private final SparkSession spark;
    private final SparkTables tables;
    private final PredictiveQuery query;
    private final TableSchema entitySchema;

    SparkLabels(SparkSession spark, SparkTables tables, PredictiveQuery query) {
        this.spark = spark;
        this.tables = tables;
        this.query = query;
        this.entitySchema = tables.schema().requireTable(query.entityTable());
    }

    /**
     * The time range the split is planned from, as {@code SplitPlanner(Database, PredictiveQuery)} takes it: the
     * target table's times and, when it has a time column, the entity table's; null times ignored.
     */
    TimeRange queryTimeRange() {
        TimeRange all = TimeRange.EMPTY;
        List<String> names = new ArrayList<>(List.of(query.targetTable()));
        if (!query.entityTable().equalsIgnoreCase(query.targetTable())) {
            names.add(query.entityTable());
        }
        for (String name : names) {
            TableSchema t = tables.schema().requireTable(name);
            if (t.timeColumn() == null) {
                continue;
            }
            Row r = tables.table(name).agg(min(col(t.timeColumn())), max(col(t.timeColumn()))).first();
            if (!r.isNullAt(0)) {
                all = all.span(new TimeRange(r.getLong(0), r.getLong(1)));
            }
        }
        return all;
    }

    /**
     * The examples of every split, in file order: key, anchor (epoch ms), label, split name; for ARGMAX the candidate
     * row's key (text) comes before the split name.
     */
    Dataset<Row> labels(SplitPlan plan) {
        Dataset<Row> examples = examples(anchors(plan), sortedAnchors(plan), false);
        if (query.target() instanceof Target.ArgMax a) {
            return candidates(examples, a, plan);
        }
        if (query.target() instanceof Target.ListDistinct l) {
            return lists(examples, l, plan);
        }
        Dataset<Row> labelled = label(examples, plan);
        DataType keyType = keyType();
        return labelled.orderBy(col(SPLIT_ORDER), col(ANCHOR), col(ENTITY_ROW))
                .select(col(KEY).cast(keyType), col(ANCHOR), col(LABEL), col(SPLIT));
    }

    /** LONG for integer keys, STRING otherwise. */
    DataType keyType() {
        return tables.table(query.entityTable()).schema().apply(query.entityKey()).dataType();
    }

    // ---------------------------------------------------------------- examples: entities x anchors, filtered

    private Dataset<Row> anchors(SplitPlan plan) {
        List<Row> rows = new ArrayList<>();
        List<List<Long>> bySplit = List.of(plan.trainAnchors(), plan.valAnchors(), plan.testAnchors());
        for (int s = 0; s < SPLITS.size(); s++) {
            for (long t : bySplit.get(s)) {
                rows.add(RowFactory.create(t, SPLITS.get(s), s));
            }
        }
        return spark.createDataFrame(rows, ANCHORS);
    }

    private static long[] sortedAnchors(SplitPlan plan) {
        TreeSet<Long> all = new TreeSet<>();
        all.addAll(plan.trainAnchors());
        all.addAll(plan.valAnchors());
        all.addAll(plan.testAnchors());
        return all.stream().mapToLong(Long::longValue).toArray();
    }

    /**
     * The scoring population as of {@code asOfMs}, as {@code TrainingTableBuilder.population} chooses it for
     * {@code relgraph predict}: every entity that exists then and passes the filter, a population condition (a window
     * ending after the anchor, unknowable when scoring) counting as satisfied. Key (in the entity key's type) and
     * anchor, in entity row order.
     */
    Dataset<Row> population(long asOfMs) {
        Dataset<Row> anchor = spark.createDataFrame(List.of(RowFactory.create(asOfMs, "score", 0)), ANCHORS);
        return examples(anchor, new long[] {asOfMs}, true).orderBy(col(ENTITY_ROW))
                .select(col(KEY).cast(keyType()), col(ANCHOR));
    }

    /**
     * Entities x anchors that pass the filter. At prediction time a windowed condition whose window ends after the
     * anchor holds for everyone, as one machine's {@code EntityFilter} treats it when predicting.
     */
    private Dataset<Row> examples(Dataset<Row> anchors, long[] sortedAnchors, boolean atPredictionTime) {
        Dataset<Row> entities = tables.table(entitySchema.name());
        List<Leaf> leaves = new ArrayList<>();
        Column filter = query.filter().map(f -> tree(f, leaves)).orElse(lit(true));
        List<Column> select = new ArrayList<>(List.of(entities.col(query.entityKey()).as(KEY),
                entities.col(SparkTables.ROW).as(ENTITY_ROW),
                (entitySchema.timeColumn() == null ? lit(null).cast(DataTypes.LongType)
                        : entities.col(entitySchema.timeColumn())).as(ENTITY_TIME)));
        RowConditions own = new RowConditions(entities, entitySchema);
        for (Leaf leaf : leaves) {
            if (leaf.kind == LeafKind.ENTITY_ROW) {
                select.add(own.compile(leaf.expr).as(leaf.name()));
            }
        }
        Dataset<Row> ea = entities.select(select.toArray(Column[]::new)).crossJoin(broadcast(anchors))
                .filter(col(ENTITY_TIME).isNull().or(col(ENTITY_TIME).leq(col(ANCHOR))));
        for (Leaf leaf : leaves) {
            if (leaf.kind == LeafKind.CHILD_EXISTS) {
                ea = childExists(ea, leaf);
            } else if (leaf.kind == LeafKind.WINDOWED) {
                ea = atPredictionTime && ((Expr.WindowedAggregate) leaf.expr).window().end() > 0
                        ? ea.withColumn(leaf.name(), lit(true)) : windowed(ea, leaf, sortedAnchors);
            }
        }
        return ea.filter(filter).select(col(KEY), col(ENTITY_ROW), col(ANCHOR), col(SPLIT), col(SPLIT_ORDER));
    }

    private enum LeafKind { ENTITY_ROW, CHILD_EXISTS, WINDOWED }

    /** One test of the filter, computed as the boolean column {@link #name()} of the examples. */
    private record Leaf(int index, LeafKind kind, Expr expr) {
        String name() {
            return LEAF + index;
        }
    }

    /** The filter over its leaves' columns; AND, OR and NOT stay as they are written. */
    private Column tree(Expr e, List<Leaf> leaves) {
        if (e instanceof Expr.And and) {
            return tree(and.left(), leaves).and(tree(and.right(), leaves));
        }
        if (e instanceof Expr.Or or) {
            return tree(or.left(), leaves).or(tree(or.right(), leaves));
        }
        if (e instanceof Expr.Not not) {
            return tree(not.operand(), leaves).unary_$bang();
        }
        LeafKind kind = e instanceof Expr.WindowedAggregate ? LeafKind.WINDOWED
                : tableOf(e).equalsIgnoreCase(entitySchema.name()) ? LeafKind.ENTITY_ROW : LeafKind.CHILD_EXISTS;
        Leaf leaf = new Leaf(leaves.size(), kind, e);
        leaves.add(leaf);
        return col(leaf.name());
    }

    private static String tableOf(Expr e) {
        if (e instanceof Expr.Comparison c) {
            return c.column().table();
        }
        if (e instanceof Expr.In in) {
            return in.column().table();
        }
        if (e instanceof Expr.IsNull n) {
            return n.column().table();
        }
        throw new IllegalStateException("not a leaf: " + e.render());
    }

    /**
     * {@code CHILD.col op v}: some linked child row with time at or before the anchor satisfies it (a static child's
     * rows always count, rows with a null time never); {@code !=} means no such row has {@code col = v}.
     */
    private Dataset<Row> childExists(Dataset<Row> ea, Leaf leaf) {
        String table = tableOf(leaf.expr);
        TableSchema child = tables.schema().requireTable(table);
        ForeignKey fk = query.filterLinks().get(child.name());
        Dataset<Row> rows = tables.table(child.name());
        boolean negated = leaf.expr instanceof Expr.Comparison c && c.op() == CompareOp.NE;
        Expr positive = negated ? new Expr.Comparison(((Expr.Comparison) leaf.expr).column(), CompareOp.EQ,
                ((Expr.Comparison) leaf.expr).value()) : leaf.expr;
        Column satisfied = new RowConditions(rows, child).compile(positive);
        Column time = child.timeColumn() == null ? lit(Long.MIN_VALUE) : rows.col(child.timeColumn());
        String first = leaf.name() + "_first";
        Dataset<Row> firstSeen = rows.filter(satisfied.and(rows.col(fk.column()).isNotNull()).and(time.isNotNull()))
                .groupBy(keyOf(rows.col(fk.column())).as(KEY)).agg(min(time).as(first));
        Column seen = col(first).isNotNull().and(col(first).leq(col(ANCHOR)));
        return ea.join(firstSeen, ea.col(KEY).equalTo(firstSeen.col(KEY)), "left").drop(firstSeen.col(KEY))
                .withColumn(leaf.name(), negated ? seen.unary_$bang() : seen).drop(first);
    }

    /** {@code AGG(T.col [WHERE c], start, end) op v} over the entity's rows of T in the condition's own window. */
    private Dataset<Row> windowed(Dataset<Row> ea, Leaf leaf, long[] sortedAnchors) {
        Expr.WindowedAggregate a = (Expr.WindowedAggregate) leaf.expr;
        Dataset<Row> grouped = windowRows(a.column(), a.where(), a.window(), a.function(), sortedAnchors);
        String value = leaf.name() + "_value";
        grouped = grouped.withColumnRenamed(WindowAggregates.VALUE, value);
        Column aggregate = WindowAggregates.withEmptyWindows(col(value), a.function());
        Column holds = WindowAggregates.compare(aggregate, a.function(), columnType(a.column()),
                isText(a.column()), a.op(), a.value());
        return ea.join(grouped, ea.col(KEY).equalTo(grouped.col(KEY)).and(ea.col(ANCHOR).equalTo(grouped.col(ANCHOR))),
                "left").drop(grouped.col(KEY)).drop(grouped.col(ANCHOR))
                .withColumn(leaf.name(), holds).drop(value);
    }

    /**
     * The rows of {@code ref}'s table in {@code window} of each anchor that pass {@code where} and have a value,
     * aggregated per (entity, anchor): {@link #KEY}, {@link #ANCHOR}, {@link WindowAggregates#VALUE}.
     */
    private Dataset<Row> windowRows(ColumnRef ref, Expr where, TimeWindow window, Aggregation fn,
                                    long[] sortedAnchors) {
        TableSchema t = tables.schema().requireTable(ref.table());
        Dataset<Row> rows = tables.table(t.name());
        Column keep = rows.col(t.timeColumn()).isNotNull().and(entityOf(t, rows).isNotNull());
        if (where != null) {
            keep = keep.and(new RowConditions(rows, t).compile(where));
        }
        if (!ref.isAllRows()) {
            keep = keep.and(rows.col(ref.column()).isNotNull());
        }
        List<Column> select = new ArrayList<>(List.of(keyOf(entityOf(t, rows)).as(KEY),
                rows.col(t.timeColumn()).as(WindowAggregates.TIME), rows.col(SparkTables.ROW),
                new AnchorWindows(sortedAnchors, window).explodeAnchors(rows.col(t.timeColumn())).as(ANCHOR)));
        if (!ref.isAllRows()) {
            // text (categories, text, text ids) stays text: FIRST and LAST return a value, coded afterwards if it
            // is the label, and COUNT_DISTINCT counts values; the other aggregates take numbers only
            Column x = rows.col(ref.column());
            select.add((isText(ref) ? x : x.cast(DataTypes.DoubleType)).as(WindowAggregates.X));
        }
        return WindowAggregates.aggregate(rows.filter(keep).select(select.toArray(Column[]::new)), fn);
    }

    // ---------------------------------------------------------------- labels

    private Dataset<Row> label(Dataset<Row> examples, SplitPlan plan) {
        Target target = query.target();
        if (target instanceof Target.Bool b) {
            TableSchema t = tables.schema().requireTable(query.targetTable());
            Dataset<Row> rows = tables.table(t.name());
            Dataset<Row> hits = rows.filter(rows.col(t.timeColumn()).isNotNull()
                            .and(entityOf(t, rows).isNotNull()).and(new RowConditions(rows, t).compile(b.condition())))
                    .select(keyOf(entityOf(t, rows)).as(KEY), new AnchorWindows(sortedAnchors(plan), b.window())
                            .explodeAnchors(rows.col(t.timeColumn())).as(ANCHOR))
                    .distinct().withColumn(HIT, lit(true));
            return joinPairs(examples, hits).withColumn(LABEL, when(col(HIT).isNull(), lit(0.0)).otherwise(lit(1.0)));
        }
        Target.Aggregate a = (Target.Aggregate) target;
        Dataset<Row> grouped = windowRows(a.column(), a.where(), a.window(), a.function(), sortedAnchors(plan));
        boolean textValue = isText(a.column()) && a.function() != Aggregation.COUNT_DISTINCT;
        if (textValue && a.thresholdOpt().isEmpty()) {
            // FIRST/LAST of text: the label is the value's dictionary code, as one machine writes it
            grouped = CategoryCodes.coded(grouped, WindowAggregates.VALUE,
                    CategoryCodes.of(tables.table(a.column().table()), a.column().column()));
        }
        Column value = WindowAggregates.withEmptyWindows(col(WindowAggregates.VALUE), a.function());
        Column label = a.thresholdOpt().map(th -> when(WindowAggregates.compare(value, a.function(),
                columnType(a.column()), textValue, th.op(), th.value()), lit(1.0)).otherwise(lit(0.0)))
                .orElse(value);
        // AVG, MIN and MAX of no rows have no value: the example is left out, with or without a threshold.
        return joinPairs(examples, grouped).filter(value.isNotNull()).withColumn(LABEL, label);
    }

    /**
     * ARGMAX: one example per target row of an eligible entity in the window (the candidate action it records),
     * labelled 1 when the condition holds for it; entities without rows get none. Ordered as {@code ArgMaxLabeler}
     * orders them: per anchor by entity row, then by the target rows' time order (time, then file row).
     */
    private Dataset<Row> candidates(Dataset<Row> examples, Target.ArgMax a, SplitPlan plan) {
        TableSchema t = tables.schema().requireTable(query.targetTable());
        Dataset<Row> rows = tables.table(t.name());
        Column targetKey = t.primaryKeyOpt().isPresent() ? rows.col(t.primaryKeyOpt().get())
                : rows.col(SparkTables.ROW); // no primary key: the row number, as on one machine
        Dataset<Row> perRow = rows.filter(rows.col(t.timeColumn()).isNotNull().and(entityOf(t, rows).isNotNull()))
                .select(keyOf(entityOf(t, rows)).as(KEY), new AnchorWindows(sortedAnchors(plan), a.window())
                                .explodeAnchors(rows.col(t.timeColumn())).as(ANCHOR),
                        rows.col(t.timeColumn()).as(TARGET_TIME), rows.col(SparkTables.ROW).as(TARGET_ROW),
                        targetKey.cast(DataTypes.StringType).as(TARGET_KEY),
                        when(new RowConditions(rows, t).compile(a.condition()), lit(1.0)).otherwise(lit(0.0))
                                .as(LABEL));
        Dataset<Row> joined = examples.join(perRow, examples.col(KEY).equalTo(perRow.col(KEY))
                .and(examples.col(ANCHOR).equalTo(perRow.col(ANCHOR))), "inner")
                .drop(perRow.col(KEY)).drop(perRow.col(ANCHOR));
        return joined.orderBy(col(SPLIT_ORDER), col(ANCHOR), col(ENTITY_ROW), col(TARGET_TIME), col(TARGET_ROW))
                .select(col(KEY).cast(keyType()), col(ANCHOR), col(LABEL), col(TARGET_KEY), col(SPLIT));
    }

    /**
     * LIST_DISTINCT: per (entity, anchor) the distinct parent rows its target rows in the window reference through the
     * listed foreign key, ascending by the parent's file row, as their keys' text; null or dangling references are
     * skipped and an entity with an empty list gets no example, as {@code ListDistinctLabeler} does.
     */
    private Dataset<Row> lists(Dataset<Row> examples, Target.ListDistinct l, SplitPlan plan) {
        TableSchema t = tables.schema().requireTable(query.targetTable());
        ForeignKey fk = ReferencedTables.foreignKey(t, l.foreignKey().column());
        TableSchema parent = tables.schema().requireTable(fk.referencedTable());
        Dataset<Row> rows = tables.table(t.name());
        Dataset<Row> parents = tables.table(parent.name());
        Column parentKey = parents.col(parent.primaryKeyOpt().orElseThrow());
        Dataset<Row> referenced = parents.select(parentKey.as(LIST_KEY), parents.col(SparkTables.ROW).as(LIST_ROW),
                parentKey.cast(DataTypes.StringType).as(LIST_TEXT));
        Column reference = rows.col(fk.column());
        Dataset<Row> perRow = rows.filter(rows.col(t.timeColumn()).isNotNull().and(entityOf(t, rows).isNotNull())
                        .and(reference.isNotNull()))
                .select(keyOf(entityOf(t, rows)).as(KEY), new AnchorWindows(sortedAnchors(plan), l.window())
                        .explodeAnchors(rows.col(t.timeColumn())).as(ANCHOR),
                        reference.cast(parents.schema().apply(parent.primaryKeyOpt().orElseThrow()).dataType()).as(LIST_REF));
        Dataset<Row> perPair = perRow.join(referenced, perRow.col(LIST_REF).equalTo(referenced.col(LIST_KEY)))
                .groupBy(col(KEY), col(ANCHOR))
                .agg(array_sort(collect_set(struct(col(LIST_ROW), col(LIST_TEXT)))).as(LIST_ITEMS))
                .withColumn(LIST_ITEMS, transform(col(LIST_ITEMS), item -> item.getField(LIST_TEXT)));
        Dataset<Row> joined = examples.join(perPair, examples.col(KEY).equalTo(perPair.col(KEY))
                .and(examples.col(ANCHOR).equalTo(perPair.col(ANCHOR))), "inner")
                .drop(perPair.col(KEY)).drop(perPair.col(ANCHOR));
        return joined.orderBy(col(SPLIT_ORDER), col(ANCHOR), col(ENTITY_ROW))
                .select(col(KEY).cast(keyType()), col(ANCHOR), col(LIST_ITEMS), col(SPLIT));
    }

    /** LIST_DISTINCT: whether the listed rows' keys are integers (ids), as the file's label type says. */
    boolean integerListKeys() {
        if (!(query.target() instanceof Target.ListDistinct l)) {
            return false;
        }
        TableSchema parent = ReferencedTables.parentOf(tables.schema(),
                tables.schema().requireTable(query.targetTable()), l.foreignKey().column());
        return tables.table(parent.name()).schema().apply(parent.primaryKeyOpt().orElseThrow()).dataType()
                .equals(DataTypes.LongType);
    }

    private static Dataset<Row> joinPairs(Dataset<Row> examples, Dataset<Row> perPair) {
        return examples.join(perPair, examples.col(KEY).equalTo(perPair.col(KEY))
                .and(examples.col(ANCHOR).equalTo(perPair.col(ANCHOR))), "left")
                .drop(perPair.col(KEY)).drop(perPair.col(ANCHOR));
    }

    // ---------------------------------------------------------------- keys

    /** The entity a row of {@code t} belongs to: its own key for the entity table, else its foreign key's value. */
    private Column entityOf(TableSchema t, Dataset<Row> rows) {
        if (t.name().equalsIgnoreCase(entitySchema.name())) {
            return rows.col(query.entityKey());
        }
        Map<String, ForeignKey> links = query.filterLinks();
        ForeignKey fk = t.name().equalsIgnoreCase(query.targetTable()) && query.targetLink().isPresent()
                ? query.targetLink().get() : links.get(t.name());
        return rows.col(fk.column());
    }

    /** A foreign key's values in the entity key's type, so the join compares like with like. */
    private Column keyOf(Column foreignKey) {
        return foreignKey.cast(keyType());
    }

    /**
     * Whether the column is text in the frames (categorical, text, or an id that is not an integer), stored as a
     * dictionary on one machine.
     */
    private boolean isText(ColumnRef ref) {
        return !ref.isAllRows() && tables.table(ref.table()).schema().apply(ref.column()).dataType()
                .equals(DataTypes.StringType);
    }

    private SemanticType columnType(ColumnRef ref) {
        if (ref.isAllRows()) {
            return null;
        }
        return tables.schema().requireTable(ref.table()).column(ref.column()).orElseThrow().type();
    }
}

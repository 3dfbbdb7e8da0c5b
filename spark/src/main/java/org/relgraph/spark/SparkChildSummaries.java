package org.relgraph.spark;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.array_position;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.last;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;
import org.relgraph.gnn.encode.ChildActivityEncoding;
import org.relgraph.gnn.encode.ChildActivityFeatures;
import org.relgraph.gnn.encode.DatabaseEncoding;
import org.relgraph.gnn.encode.NumericalEncoding;
import org.relgraph.schema.ColumnSchema;
import org.relgraph.schema.Schema;
import org.relgraph.schema.SchemaException;
import org.relgraph.schema.SemanticType;
import org.relgraph.schema.TableSchema;

/**
 * The child summaries of a fitted model's encoding ({@link ChildActivityEncoding}: per foreign key from a timed child
 * table, a parent row's children counted overall / in 30 / in 90 days, the latest one's recency, the same per fitted
 * value of the child's categorical columns, and the latest value of each numerical child column) for given (table,
 * row, as-of time) triples, computed with Spark joins and window functions: the floats
 * {@link ChildActivityFeatures#write} writes for that row at that time, in its order.
 *
 * <p>How, per summarised foreign key: the child rows are joined to their parent rows by key, and each (row, as_of)
 * asked for becomes three probes at the times as_of, as_of - 30 days - 1 ms and as_of - 90 days - 1 ms. Children and
 * probes are unioned and ordered per parent by (time, children before probes, child row) — the in-memory CSR's order —
 * so running sums over that window give, at each probe, how many children are at or before it (a child at the
 * as-of time itself counts, as in the sampler), running maxima the latest one's time, and {@code last(…,
 * ignoreNulls)} the latest non-null value. A count in the last 30 days is the count at as_of minus the count at the
 * second probe. Nothing later than a probe is in its window frame, so no child newer than as_of is ever counted.
 * The cost is one sort of the child table by parent per summarised foreign key (a shuffle of the children and the
 * probes), not a pairing of every row asked for with all its children. When few rows are asked for
 * ({@link FrontierRows}' rule), only their children enter that sort: a broadcast of the asked parents filters the
 * child table as it is scanned; each window is partitioned by parent, so the asked ones' summaries are the same. The counts and times are exact integers; the
 * floats are made from them by {@link ChildActivityFeatures#count}, {@link ChildActivityFeatures#recency} and
 * {@link NumericalEncoding#scaled}, the in-memory code's own functions, so they equal its output bit for bit.
 */
public final class SparkChildSummaries {
    /** The input's and output's columns (the seam between the neighbourhoods and score jobs, docs/SPARK.md). */
    public static final String TABLE = "table";
    public static final String ROW = "row";
    public static final String AS_OF = "as_of";
    public static final String SUMMARY = "summary";

    private static final long RECENT_MS = ChildActivityEncoding.RECENT_DAYS * 86_400_000L;
    private static final long WINDOW_MS = ChildActivityEncoding.WINDOW_DAYS * 86_400_000L;
    private static final String POS = SparkNeighbourhoods.POS;
    private static final String PARENT = "__parent";
    private static final String T = "__t";
    private static final String KIND = "__kind"; // 0: a child row, 1: a probe
    private static final String CHILD = "__child";
    private static final String PROBE = "__probe"; // 0: at as_of, 1: before the 30 days, 2: before the 90 days
    private static final String KEY = "__key";

    private final SparkTables tables;
    private final DatabaseEncoding encoding;
    private final Function<String, Dataset<Row>> positioned;
    private final Map<String, Dataset<Row>> numbered = new HashMap<>();
    /** The {@link FrontierRows} made so far, unpersisted by {@link #write} once written. */
    private final List<Dataset<Row>> restrictions = new ArrayList<>();

    /**
     * @param encoding a fitted model's ({@code ModelBundle.encoding()}); checked against the tables' schema here
     * @throws SchemaException when a table, foreign key or column the encoding summarises is not in the data as the
     *                         model saw it
     */
    public SparkChildSummaries(SparkTables tables, DatabaseEncoding encoding) {
        this(tables, encoding, null);
    }

    /**
     * As {@link #SparkChildSummaries(SparkTables, DatabaseEncoding)}, numbering rows with {@code positioned} (a
     * table's frame with its file-row column, by table name; the caller's cached frames) instead of numbering them
     * again.
     *
     * @param positioned null to number them here; else gives each table with {@link SparkNeighbourhoods#POS}
     */
    SparkChildSummaries(SparkTables tables, DatabaseEncoding encoding,
                        Function<String, Dataset<Row>> positioned) {
        this.tables = tables;
        this.encoding = encoding;
        this.positioned = positioned;
        check(tables.schema(), encoding);
    }

    /** The tables whose rows have child summaries, in the schema's spelling. */
    public Set<String> summarisedTables() {
        Set<String> out = new LinkedHashSet<>();
        for (ChildActivityEncoding e : encoding.childActivity()) {
            out.add(tables.schema().requireTable(e.parentTable()).name());
        }
        return out;
    }

    /**
     * The child summaries of the nodes asked for: one row per distinct ({@value #TABLE}, {@value #ROW},
     * {@value #AS_OF}) of {@code nodes} whose table has child summaries, with {@value #SUMMARY}, the array of floats
     * {@link ChildActivityFeatures#write} writes for that row as of that time (epoch ms). Other columns of
     * {@code nodes} are ignored; rows of other tables are left out.
     *
     * @param nodes {@value #TABLE} (string, the schema's spelling), {@value #ROW} (long, the table's file row),
     *              {@value #AS_OF} (long epoch ms: the time {@code BatchAssembler} encodes the node as of, the
     *              seed's sample time)
     */
    public Dataset<Row> summaries(Dataset<Row> nodes) {
        Dataset<Row> asked = nodes.select(col(TABLE), col(ROW).cast(DataTypes.LongType).as(ROW),
                col(AS_OF).cast(DataTypes.LongType).as(AS_OF));
        Dataset<Row> out = null;
        for (String table : summarisedTables()) {
            Dataset<Row> rows = ofTable(table, asked.filter(col(TABLE).equalTo(table)).select(ROW, AS_OF)
                    .distinct());
            out = out == null ? rows : out.unionAll(rows);
        }
        if (out == null) {
            return asked.filter(lit(false)).withColumn(SUMMARY,
                    lit(null).cast(DataTypes.createArrayType(DataTypes.FloatType, false)));
        }
        return out;
    }

    /**
     * Writes the summaries of every node of {@code subgraphs} (the neighbourhoods job's output read back, with its
     * {@code seed_bucket} partition column) as of its seed's sample time into
     * {@code folder/seed_bucket=B/part-*.parquet}: one row per distinct (table, row, as_of) among bucket B's nodes
     * whose table has child summaries, so a task reading bucket B of the subgraphs finds every summary it needs in
     * bucket B. Each distinct triple is computed once, then joined to the buckets that hold it.
     */
    void write(Dataset<Row> subgraphs, Path folder, int buckets) {
        Dataset<Row> wanted = subgraphs.filter(col(SparkNeighbourhoods.TABLE).isin(summarisedTables().toArray()))
                .select(col(SparkNeighbourhoods.BUCKET), col(SparkNeighbourhoods.TABLE).as(TABLE),
                        col(SparkNeighbourhoods.ROW).as(ROW), col(SparkNeighbourhoods.SAMPLE_TIME).as(AS_OF))
                .distinct();
        Dataset<Row> computed = summaries(wanted);
        wanted.join(computed, new String[] {TABLE, ROW, AS_OF})
                .select(col(SparkNeighbourhoods.BUCKET), col(TABLE), col(ROW), col(AS_OF), col(SUMMARY))
                .repartition(buckets, col(SparkNeighbourhoods.BUCKET))
                .sortWithinPartitions(AS_OF, TABLE, ROW)
                .write().mode(SaveMode.ErrorIfExists).partitionBy(SparkNeighbourhoods.BUCKET)
                .parquet(folder.toString());
        restrictions.forEach(Dataset::unpersist);
        restrictions.clear();
    }

    /** One table's summaries: each of its encodings' arrays joined on (row, as_of) and concatenated in order. */
    private Dataset<Row> ofTable(String table, Dataset<Row> asked) {
        List<ChildActivityEncoding> mine = encoding.childActivity(table);
        // the asked rows, when few, restrict each child table to their children before its window (FrontierRows)
        Dataset<Row> parentRows = FrontierRows.of(asked.sparkSession(), asked, ROW, () -> numbered(table).count());
        if (parentRows != null) {
            restrictions.add(parentRows);
        }
        Dataset<Row> joined = null;
        List<Column> parts = new ArrayList<>();
        for (int i = 0; i < mine.size(); i++) {
            String part = "__part" + i;
            Dataset<Row> one = ofKey(mine.get(i), asked, parentRows).withColumnRenamed(SUMMARY, part);
            joined = joined == null ? one : joined.join(one, new String[] {ROW, AS_OF});
            parts.add(col(part));
        }
        Column summary = parts.size() == 1 ? parts.get(0) : concat(parts.toArray(Column[]::new));
        return joined.select(lit(table).as(TABLE), col(ROW), col(AS_OF), summary.as(SUMMARY));
    }

    /** One foreign key's summary of each asked (row, as_of): columns ROW, AS_OF, SUMMARY. */
    private Dataset<Row> ofKey(ChildActivityEncoding e, Dataset<Row> asked, Dataset<Row> parentRows) {
        Schema schema = tables.schema();
        TableSchema child = schema.requireTable(e.childTable());
        int breakdowns = e.breakdowns().size();
        int measures = e.measures().size();
        // the child rows that name a parent, with their time, file row, value index per breakdown, measures
        Dataset<Row> children = childrenOf(e, child, parentRows);
        List<String> valueColumns = new ArrayList<>();
        List<String> measureColumns = new ArrayList<>();
        for (int b = 0; b < breakdowns; b++) {
            valueColumns.add("__v" + b);
        }
        for (int m = 0; m < measures; m++) {
            measureColumns.add("__m" + m);
        }
        List<Column> eventColumns = new ArrayList<>(List.of(col(PARENT), col(T), lit(0).as(KIND), col(CHILD),
                lit(null).cast(DataTypes.IntegerType).as(PROBE), lit(null).cast(DataTypes.LongType).as(AS_OF)));
        List<Column> probeColumns = new ArrayList<>(List.of(col(ROW).as(PARENT), col(AS_OF).minus(col("__offset"))
                .as(T), lit(1).as(KIND), lit(null).cast(DataTypes.LongType).as(CHILD), col(PROBE), col(AS_OF)));
        for (String v : valueColumns) {
            eventColumns.add(col(v));
            probeColumns.add(lit(null).cast(DataTypes.IntegerType).as(v));
        }
        for (String m : measureColumns) {
            eventColumns.add(col(m));
            probeColumns.add(lit(null).cast(DataTypes.DoubleType).as(m));
        }
        // three probes per asked (row, as_of): at as_of, and just before the 30- and 90-day windows begin
        Dataset<Row> probes = asked.withColumn("__probes", lit(new int[] {0, 1, 2}))
                .withColumn(PROBE, explode(col("__probes")))
                .withColumn("__offset", when(col(PROBE).equalTo(0), lit(0L))
                        .when(col(PROBE).equalTo(1), lit(RECENT_MS + 1)).otherwise(lit(WINDOW_MS + 1)))
                .select(probeColumns.toArray(Column[]::new));
        Dataset<Row> stream = children.select(eventColumns.toArray(Column[]::new)).unionAll(probes);

        // per parent in the CSR's order; children at a probe's time come before it (a child at as_of counts)
        WindowSpec upTo = Window.partitionBy(PARENT).orderBy(T, KIND, CHILD)
                .rowsBetween(Window.unboundedPreceding(), Window.currentRow());
        Column isChild = col(KIND).equalTo(0);
        List<Column> running = new ArrayList<>(List.of(col(PARENT), col(AS_OF), col(PROBE),
                sum(when(isChild, 1L).otherwise(0L)).over(upTo).as("__n"),
                max(when(isChild, col(T))).over(upTo).as("__latest")));
        for (int b = 0; b < breakdowns; b++) {
            for (int v = 0; v < e.breakdowns().get(b).values().size(); v++) {
                Column is = isChild.and(col(valueColumns.get(b)).equalTo(v));
                String id = b + "_" + v;
                running.add(sum(when(is, 1L).otherwise(0L)).over(upTo).as("__n" + id));
                running.add(max(when(is, col(T))).over(upTo).as("__latest" + id));
                for (int m = 0; m < measures; m++) {
                    running.add(last(when(is, col(measureColumns.get(m))), true).over(upTo)
                            .as("__value" + id + "_" + m));
                }
            }
        }
        Dataset<Row> atProbes = stream.select(running.toArray(Column[]::new)).filter(col(PROBE).isNotNull());

        // one row per (parent, as_of): its three probes side by side (grouped on the window's partitioning)
        List<Column> aggs = new ArrayList<>();
        List<Column> fields = new ArrayList<>(List.of(col(AS_OF)));
        aggs.add(at(0, "__n").as("__n0"));
        aggs.add(at(1, "__n").as("__n1"));
        aggs.add(at(2, "__n").as("__n2"));
        aggs.add(at(0, "__latest").as("__latest"));
        fields.addAll(List.of(col("__n0"), col("__n1"), col("__n2"), col("__latest")));
        for (int b = 0; b < breakdowns; b++) {
            for (int v = 0; v < e.breakdowns().get(b).values().size(); v++) {
                String id = b + "_" + v;
                aggs.add(at(0, "__n" + id).as("__n0_" + id));
                aggs.add(at(2, "__n" + id).as("__n2_" + id));
                aggs.add(at(0, "__latest" + id).as("__latest_" + id));
                fields.addAll(List.of(col("__n0_" + id), col("__n2_" + id), col("__latest_" + id)));
                for (int m = 0; m < measures; m++) {
                    aggs.add(at(0, "__value" + id + "_" + m).as("__value_" + id + "_" + m));
                    fields.add(col("__value_" + id + "_" + m));
                }
            }
        }
        Dataset<Row> grouped = atProbes.groupBy(col(PARENT), col(AS_OF))
                .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new));
        UserDefinedFunction write = floats(e);
        return grouped.select(col(PARENT).as(ROW), col(AS_OF),
                write.apply(struct(fields.toArray(Column[]::new))).as(SUMMARY));
    }

    /** A probe's value of a running column. */
    private static Column at(int probe, String column) {
        return max(when(col(PROBE).equalTo(probe), col(column)));
    }

    /**
     * The children of {@code e}'s foreign key that name a parent row and have a time: {@code PARENT} (the parent's
     * file row), {@code T}, {@code CHILD} (the child's file row), {@code __vB} (the index of the child's value of
     * breakdown B among the fitted values, -1 for none or null), {@code __mM} (measure M when present and finite,
     * else null: the in-memory code skips such values).
     */
    private Dataset<Row> childrenOf(ChildActivityEncoding e, TableSchema child, Dataset<Row> parentRows) {
        Schema schema = tables.schema();
        TableSchema parent = schema.requireTable(e.parentTable());
        Dataset<Row> c = numbered(child.name());
        Dataset<Row> p = numbered(parent.name());
        String fkColumn = child.column(e.foreignKey()).orElseThrow().name();
        String pkColumn = parent.column(parent.primaryKey()).orElseThrow().name();
        Dataset<Row> parents = p.select(col(POS).as(PARENT), col(pkColumn).as(KEY));
        if (parentRows != null) {
            // only the asked parents, broadcast: the child table is scanned once and never shuffled whole
            parents = broadcast(FrontierRows.restrict(parents, parents.col(PARENT), parentRows));
        }
        Column matches = SparkTables.keysMatch(c.col(fkColumn), parents.col(KEY),
                c.schema().apply(fkColumn).dataType(), parents.schema().apply(KEY).dataType());
        String timeColumn = child.column(child.timeColumn()).orElseThrow().name();
        List<Column> select = new ArrayList<>(List.of(col(PARENT), c.col(timeColumn).as(T), c.col(POS).as(CHILD)));
        for (int b = 0; b < e.breakdowns().size(); b++) {
            ChildActivityEncoding.Breakdown breakdown = e.breakdowns().get(b);
            Column value = c.col(child.column(breakdown.column()).orElseThrow().name());
            Column index = array_position(lit(breakdown.values().toArray(String[]::new)), value).minus(1);
            select.add(when(value.isNull(), lit(-1)).otherwise(index.cast(DataTypes.IntegerType)).as("__v" + b));
        }
        for (int m = 0; m < e.measures().size(); m++) {
            Column x = c.col(child.column(e.measures().get(m)).orElseThrow().name());
            Column finite = x.isNotNull().and(x.isNaN().unary_$bang())
                    .and(abs(x).notEqual(lit(Double.POSITIVE_INFINITY)));
            select.add(when(finite, x).as("__m" + m));
        }
        // a child without a time is never visible (the graph gives it the end of time)
        return c.join(parents, matches).filter(c.col(timeColumn).isNotNull())
                .select(select.toArray(Column[]::new));
    }

    private Dataset<Row> numbered(String table) {
        if (positioned != null) {
            return positioned.apply(table);
        }
        return numbered.computeIfAbsent(table, t -> RowPositions.of(tables.table(t), POS)
                .persist(StorageLevel.MEMORY_AND_DISK()));
    }

    /** The UDF that turns one (parent, as_of)'s counts, times and latest values into the summary's floats. */
    private UserDefinedFunction floats(ChildActivityEncoding e) {
        int[] valueCounts = e.breakdowns().stream().mapToInt(b -> b.values().size()).toArray();
        List<NumericalEncoding> scaling = new ArrayList<>();
        for (String m : e.measures()) {
            scaling.add(encoding.table(e.childTable()).columns().stream()
                    .filter(c -> c instanceof NumericalEncoding && c.column().equalsIgnoreCase(m))
                    .map(NumericalEncoding.class::cast).findFirst().orElseThrow());
        }
        Floats f = new Floats(valueCounts, Scaling.of(scaling), e.width());
        UDF1<Row, List<Float>> write = f::write;
        return udf(write, DataTypes.createArrayType(DataTypes.FloatType, false)).asNonNullable();
    }

    /** The fitted scaling of the measures, in a form Spark can ship to executors (records are not serialisable). */
    private record Scaling(String[] columns, boolean[] log, double[] median, double[] scale, double[] clip,
                           int[] fitCount) implements Serializable {
        static Scaling of(List<NumericalEncoding> encodings) {
            int n = encodings.size();
            Scaling s = new Scaling(new String[n], new boolean[n], new double[n], new double[n], new double[n],
                    new int[n]);
            for (int i = 0; i < n; i++) {
                NumericalEncoding x = encodings.get(i);
                s.columns[i] = x.column();
                s.log[i] = x.logTransform();
                s.median[i] = x.median();
                s.scale[i] = x.scale();
                s.clip[i] = x.clipLimit();
                s.fitCount[i] = x.fitCount();
            }
            return s;
        }

        NumericalEncoding[] encodings() {
            NumericalEncoding[] out = new NumericalEncoding[columns.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = new NumericalEncoding(columns[i], log[i], median[i], scale[i], clip[i], fitCount[i]);
            }
            return out;
        }
    }

    /** {@link ChildActivityFeatures#write}'s order and formulas over the counts the windows computed. */
    private static final class Floats implements Serializable {
        private final int[] valueCounts;
        private final Scaling scaling;
        private final int width;
        private transient NumericalEncoding[] measures;

        Floats(int[] valueCounts, Scaling scaling, int width) {
            this.valueCounts = valueCounts;
            this.scaling = scaling;
            this.width = width;
        }

        /** Fields: as_of, n, n before 30 days, n before 90 days, latest; per value: n, n before 90 days, latest, values. */
        List<Float> write(Row r) {
            if (measures == null) {
                measures = scaling.encodings();
            }
            List<Float> out = new ArrayList<>(width);
            int k = 0;
            long asOf = r.getLong(k++);
            long n = r.getLong(k++);
            long beforeRecent = r.getLong(k++);
            long beforeWindow = r.getLong(k++);
            boolean anyChild = !r.isNullAt(k);
            long latest = anyChild ? r.getLong(k) : 0;
            k++;
            out.add(ChildActivityFeatures.count(n));
            out.add(ChildActivityFeatures.count(n - beforeRecent));
            out.add(ChildActivityFeatures.count(n - beforeWindow));
            out.add(anyChild ? ChildActivityFeatures.recency(asOf - latest) : 0f);
            for (int values : valueCounts) {
                for (int v = 0; v < values; v++) {
                    long count = r.getLong(k++);
                    long before = r.getLong(k++);
                    boolean seen = !r.isNullAt(k);
                    long at = seen ? r.getLong(k) : 0;
                    k++;
                    out.add(ChildActivityFeatures.count(count));
                    out.add(ChildActivityFeatures.count(count - before));
                    out.add(count > 0 ? ChildActivityFeatures.recency(asOf - at) : 0f);
                    for (NumericalEncoding m : measures) {
                        out.add(r.isNullAt(k) ? 0f : (float) m.scaled(r.getDouble(k)));
                        k++;
                    }
                }
            }
            return out;
        }
    }

    /**
     * The encoding must fit the data: each summarised parent and timed child table, the foreign key between them,
     * each breakdown column (categorical) and measure (numerical) of the child. Otherwise a one-line error naming
     * what is missing, with the hint to retrain on the data as it is.
     */
    static void check(Schema schema, DatabaseEncoding encoding) {
        String hint = "the model was trained on another schema: use a model trained on this data (relgraph train), "
                + "or restore the data's schema.yaml";
        for (ChildActivityEncoding e : encoding.childActivity()) {
            if (e.windowSums()) { // an option that lost on Berka (docs/MODEL-TUNING.md); not computed on Spark
                throw new SchemaException("the model was trained with --extended-child-summaries (windowed sums of "
                        + e.childTable() + "), which the Spark jobs do not compute",
                        "train the model without --extended-child-summaries, or score it with relgraph predict");
            }
            TableSchema parent = schema.table(e.parentTable()).orElseThrow(() -> new SchemaException("the model "
                    + "summarises rows of table '" + e.parentTable() + "', which is not in the data", hint));
            TableSchema child = schema.table(e.childTable()).orElseThrow(() -> new SchemaException("the model "
                    + "summarises " + parent.name() + " rows by their '" + e.childTable() + "' rows, a table not in "
                    + "the data", hint));
            boolean linked = schema.foreignKeys().stream().anyMatch(fk -> fk.table().equalsIgnoreCase(child.name())
                    && fk.column().equalsIgnoreCase(e.foreignKey())
                    && fk.referencedTable().equalsIgnoreCase(parent.name()));
            if (!linked) {
                throw new SchemaException("the model summarises " + child.name() + " rows per " + parent.name()
                        + " row through " + child.name() + "." + e.foreignKey() + ", but that foreign key is not in "
                        + "the data", hint);
            }
            if (child.timeColumn() == null) {
                throw new SchemaException("the model summarises " + child.name() + " rows over time, but table '"
                        + child.name() + "' has no time column in the data", hint);
            }
            if (parent.primaryKey() == null) {
                throw new SchemaException("the model summarises rows of table '" + parent.name() + "', which has no "
                        + "primary key in the data", hint);
            }
            for (ChildActivityEncoding.Breakdown b : e.breakdowns()) {
                requireColumn(child, b.column(), SemanticType.CATEGORICAL, hint);
            }
            for (String m : e.measures()) {
                requireColumn(child, m, SemanticType.NUMERICAL, hint);
            }
        }
    }

    private static void requireColumn(TableSchema table, String column, SemanticType type, String hint) {
        ColumnSchema c = table.column(column).orElseThrow(() -> new SchemaException("the model summarises column '"
                + column + "' of table '" + table.name() + "', which is not in the data", hint));
        if (c.type() != type) {
            throw new SchemaException("the model summarises column '" + table.name() + "." + c.name() + "' as "
                    + type.name().toLowerCase(java.util.Locale.ROOT) + ", but the data declares it "
                    + c.type().name().toLowerCase(java.util.Locale.ROOT), hint);
        }
    }
}

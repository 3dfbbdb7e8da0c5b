package org.relgraph.spark;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.xxhash64;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.storage.StorageLevel;
import org.relgraph.graph.EdgeType;
import org.relgraph.schema.ForeignKey;
import org.relgraph.schema.Schema;
import org.relgraph.schema.SchemaException;
import org.relgraph.schema.TableSchema;

/**
 * Each seed's MOST_RECENT sampled subgraph, computed with joins and window functions: what
 * {@code org.relgraph.sampling.TemporalNeighborSampler} returns for the same seeds and fanouts, row for row.
 *
 * <p>The sampler's rules, as this job applies them:
 * <ul>
 *   <li>Every foreign key {@code child.col -> parent} is two edge types: forward ({@code col}, a child row to its
 *       parent row) and reverse ({@code rev_col}, a parent row to its child rows). A null or dangling key is no
 *       edge.</li>
 *   <li>A seed is sampled as of s = its anchor, or with an input cutoff min(anchor, cutoff) but never before the
 *       seed's own row exists ({@code LabeledSeeds.inputTime}); the anchor stays its identity.</li>
 *   <li>A row is visible at seed time s when its table is static (no time column) or its time is at or before s
 *       ({@code <=}: a row at the seed time itself is known); a row with a null time is never visible. Nothing
 *       invisible is ever sampled, at any hop.</li>
 *   <li>Hop h expands every node of hop h - 1 over every edge type leaving its table with fanout {@code f[h-1]}:
 *       forward, the parent if visible; reverse, of the visible children the {@code f} latest by (time, row)
 *       (ties in time: the later row in the file), for a static child table the {@code f} last rows.</li>
 *   <li>Nothing is deduplicated: a row reached twice (the seed customer again from each of its transactions) is two
 *       nodes. A node's expansion depends only on its row and the seed time, so each distinct (seed, table, row) of
 *       a hop is expanded once and carries {@code copies}, how many nodes of the sampler's tree it stands for.</li>
 * </ul>
 *
 * <p>The reverse expansion does not pair each frontier node with all its children (a customer seeded at 100
 * anchors would meet its transactions 100 times). Seed times are few (the anchors), so per child row the job
 * computes once, from its siblings in (time, row) order, the seed times at which it is among its parent's {@code f}
 * latest visible children: from its own time (inclusive) until the time of the sibling {@code f} places later
 * (exclusive; {@code lead}). Exploding those seed times gives the (parent, seed time, child) memberships, at most
 * {@code f} per (parent, seed time), joined to the frontier on (parent row, seed time).
 *
 * <p>When a hop's frontier holds few rows of a table ({@link FrontierRows}' rule), the edges are first restricted to
 * them: the reverse expansion ranks only the children of the frontier's parents (a broadcast of those parents, the
 * child table scanned once, no shuffle of it), the forward one looks up only the frontier's children. Each window
 * is partitioned by parent, so a kept parent sees all its children and the result is the same.
 */
final class SparkNeighbourhoods {
    static final String SEED_KEY = "seed_key";
    static final String SEED_ROW = "seed_row";
    static final String SEED_TIME = "seed_time";
    static final String SAMPLE_TIME = "sample_time";
    static final String HOP = "hop";
    static final String TABLE = "table";
    static final String ROW = "row";
    static final String TIME = "time";
    static final String EDGE = "edge";
    static final String PARENT_TABLE = "parent_table";
    static final String PARENT_ROW = "parent_row";
    static final String COPIES = "copies";
    static final String BUCKET = "seed_bucket";

    /** The file-row column of {@link #positioned} frames. */
    static final String POS = "__pos";
    private static final String KEY = "__key";
    private static final String CHILD = "__child";
    private static final String PARENT = "__parent";
    private static final String CHILD_TIME = "__child_time";
    private static final String PARENT_TIME = "__parent_time";
    private static final String AT = "__at";
    private static final String UNTIL = "__until";

    private final SparkSession spark;
    private final SparkTables tables;
    private final Schema schema;
    private final int[] fanouts;
    private final Long inputCutoffMs;
    private final Map<String, Dataset<Row>> positioned = new HashMap<>();
    private final Map<ForeignKey, Dataset<Row>> links = new HashMap<>();
    private final Map<String, Dataset<Row>> memberships = new HashMap<>();
    private final List<Dataset<Row>> persisted = new ArrayList<>();
    /** This hop's {@link FrontierRows} per table (null: the whole table). */
    private final Map<String, Dataset<Row>> frontiers = new HashMap<>();
    private long[] seedTimes;
    private SparkStageMetrics metrics;

    /**
     * @param fanouts       per hop, at least 1 each (MOST_RECENT sampling)
     * @param inputCutoffMs the latest time any seed's inputs may see (RelBench's protocol, the CLI's
     *                      {@code --input-cutoff}), or null for each seed's own anchor
     */
    SparkNeighbourhoods(SparkSession spark, SparkTables tables, int[] fanouts, Long inputCutoffMs) {
        this.spark = spark;
        this.tables = tables;
        this.schema = tables.schema();
        this.fanouts = fanouts.clone();
        this.inputCutoffMs = inputCutoffMs;
    }

    /** Records the cost of the seeds and of each hop as sections of {@code recorder} ("seeds", "hop 0", ...). */
    void measuredBy(SparkStageMetrics recorder) {
        this.metrics = recorder;
    }

    private SparkStageMetrics.Section section(String name) {
        return metrics == null ? () -> { } : metrics.section(name);
    }

    /** The entity key's Spark type in {@link SparkTables}: LONG for integer ids, else STRING. */
    DataType keyType(String table) {
        TableSchema t = schema.requireTable(table);
        if (t.primaryKey() == null) {
            throw new SchemaException("table '" + t.name() + "' has no primary key, so no labels can name its rows",
                    "declare primary_key for it in schema.yaml");
        }
        return tables.table(t.name()).schema().apply(tableColumn(t, t.primaryKey())).dataType();
    }

    /**
     * Writes the sampled nodes of every seed under {@code folder}, one Parquet dataset per hop,
     * {@code hop=H/seed_bucket=B/part-*.parquet}: one row per distinct (seed, hop, table, row, edge, parent row), with
     * the columns {@link #SEED_KEY}, {@link #SEED_ROW}, {@link #SEED_TIME} (the anchor), {@link #SAMPLE_TIME} (what
     * the seed was sampled as of: the anchor capped by the input cutoff, never before the seed's own row; every row's
     * time is at or before it), {@link #TABLE}, {@link #ROW},
     * {@link #TIME} (null for a static table), {@link #EDGE} (the relation walked from the parent: {@code col} or
     * {@code rev_col}; null for the seed), {@link #PARENT_TABLE}, {@link #PARENT_ROW}, {@link #COPIES}; the hop and
     * bucket are the folders'. Hop 0 is the seed itself. Each hop is read back to expand the next, which keeps every
     * query plan one hop deep (a plan that holds all earlier hops grows with each, and Spark prints and re-plans it
     * whole) and lets a lost executor's work be redone from the files. Within a file rows are sorted by
     * (seed time, seed row), so a reader meets a seed's nodes together and Parquet's statistics skip other anchors.
     *
     * @param entity  the seeds' table
     * @param seeds   distinct (SeedLabels.KEY, SeedLabels.TIME)
     * @param buckets how many seed buckets: {@code seed_bucket = pmod(xxhash64(seed_row, seed_time), buckets)}
     */
    void write(String entity, Dataset<Row> seeds, Path folder, int buckets) {
        TableSchema e = schema.requireTable(entity);
        // closed before hop 0, also on a refusal: the section is a property of the calling thread, and a job run
        // later on it (another command in the same JVM) must not be counted as this one's seeds
        Dataset<Row> joined;
        try (SparkStageMetrics.Section seedSection = section("seeds")) {
            joined = seeds(e, seeds);
        }

        Dataset<Row> hop = writeHop(joined.select(col(SEED_KEY), col(SEED_ROW), col(SEED_TIME), col(SAMPLE_TIME),
                lit(e.name()).as(TABLE), col(SEED_ROW).as(ROW), col(TIME),
                lit(null).cast(DataTypes.StringType).as(EDGE), lit(null).cast(DataTypes.StringType).as(PARENT_TABLE),
                lit(null).cast(DataTypes.LongType).as(PARENT_ROW), lit(1L).as(COPIES)), folder, 0, buckets);
        Set<String> reached = Set.of(e.name());
        for (int h = 0; h < fanouts.length; h++) {
            // planning the hop runs jobs too (numbering a table's rows when it is first reached): part of the hop
            try (SparkStageMetrics.Section hopSection = section(HOP + " " + (h + 1))) {
                Dataset<Row> frontier = hop.groupBy(SEED_KEY, SEED_ROW, SEED_TIME, SAMPLE_TIME, TABLE, ROW)
                        .agg(sum(COPIES).as(COPIES));
                frontiers.clear();
                List<Dataset<Row>> next = new ArrayList<>();
                Set<String> nextReached = new HashSet<>();
                // only edge types leaving a table this hop can hold: a join with an empty side still costs a scan
                for (ForeignKey fk : schema.foreignKeys()) {
                    String child = schema.requireTable(fk.table()).name();
                    String parent = schema.requireTable(fk.referencedTable()).name();
                    if (reached.contains(child)) {
                        next.add(forward(frontier, fk));
                        nextReached.add(parent);
                    }
                    if (reached.contains(parent)) {
                        next.add(reverse(frontier, fk, fanouts[h]));
                        nextReached.add(child);
                    }
                }
                if (next.isEmpty()) {
                    break; // no edge leaves the frontier's tables: the sampler's later hops are empty too
                }
                hop = writeHop(next.stream().reduce(Dataset::unionAll).orElseThrow(), folder, h + 1, buckets);
                reached = nextReached;
            }
        }
    }

    /** The seeds with their entity rows and sample times, checked; sets {@link #seedTimes}. */
    private Dataset<Row> seeds(TableSchema e, Dataset<Row> seeds) {
        Dataset<Row> rows = positioned(e.name());
        Column entityTime = e.timeColumn() == null ? lit(null).cast(DataTypes.LongType) : col(timeColumn(e));
        Dataset<Row> keyed = rows.select(col(tableColumn(e, e.primaryKey())).as(KEY), col(POS), entityTime.as(TIME));
        Dataset<Row> joined = seeds.join(keyed, seeds.col(SeedLabels.KEY).equalTo(keyed.col(KEY)), "left")
                .select(col(SeedLabels.KEY).as(SEED_KEY), col(POS).as(SEED_ROW), col(SeedLabels.TIME).as(SEED_TIME),
                        col(TIME));
        // The time a seed is sampled as of, as LabeledSeeds.inputTime: its anchor capped by the input cutoff, but
        // never before its own row exists. The anchor stays the seed's identity (its label's window).
        Column sampleTime = inputCutoffMs == null ? col(SEED_TIME) : least(col(SEED_TIME), lit(inputCutoffMs));
        if (e.timeColumn() != null) {
            sampleTime = greatest(sampleTime, col(TIME)); // greatest skips a null time (refused by checkSeeds)
        }
        joined = persist(joined.withColumn(SAMPLE_TIME, sampleTime));
        checkSeeds(e, joined);
        seedTimes = joined.select(SAMPLE_TIME).distinct().orderBy(SAMPLE_TIME).collectAsList().stream()
                .mapToLong(r -> r.getLong(0)).toArray();
        return joined;
    }

    /** Writes one hop's nodes into {@code folder/hop=H}, bucketed and sorted; returns them read back. */
    private Dataset<Row> writeHop(Dataset<Row> nodes, Path folder, int hop, int buckets) {
        try (SparkStageMetrics.Section s = section(HOP + " " + hop)) {
            return writeHopFiles(nodes, folder, hop, buckets);
        }
    }

    private Dataset<Row> writeHopFiles(Dataset<Row> nodes, Path folder, int hop, int buckets) {
        String path = folder.resolve(HOP + "=" + hop).toString();
        nodes.withColumn(BUCKET, pmod(xxhash64(col(SEED_ROW), col(SEED_TIME)), lit(buckets)))
                .repartition(buckets, col(BUCKET))
                .sortWithinPartitions(SEED_TIME, SEED_ROW, TABLE, ROW, PARENT_TABLE, PARENT_ROW)
                .write().mode(SaveMode.ErrorIfExists).partitionBy(BUCKET).parquet(path);
        return spark.read().parquet(path).drop(BUCKET);
    }

    /** Unpersists what {@link #subgraphs} cached. */
    void release() {
        persisted.forEach(Dataset::unpersist);
        persisted.clear();
    }

    /** Every key must be an entity row, and a seed cannot be sampled before its own row exists (the sampler's rule). */
    private void checkSeeds(TableSchema e, Dataset<Row> seeds) {
        List<Row> unknown = seeds.filter(col(SEED_ROW).isNull()).limit(1).collectAsList();
        if (!unknown.isEmpty()) {
            throw new SchemaException("--labels: key " + unknown.get(0).get(0) + " is not a " + e.name() + "."
                    + e.primaryKey() + " of the data", "compute the labels from this data folder");
        }
        if (e.timeColumn() != null) {
            List<Row> early = seeds.filter(col(TIME).isNull().or(col(TIME).gt(col(SEED_TIME)))).limit(1)
                    .collectAsList();
            if (!early.isEmpty()) {
                Row r = early.get(0);
                throw new SchemaException("--labels: " + e.name() + " " + r.get(0) + " has anchor "
                        + LabelsCommand.iso(r.getLong(2)) + " but its row's time (" + e.timeColumn() + ") is "
                        + (r.isNullAt(3) ? "empty" : "later, " + LabelsCommand.iso(r.getLong(3)))
                        + ": a seed must exist at its own time", "compute the labels from this data folder "
                        + "(they keep an entity from its own time on)");
            }
        }
    }

    /** child.col -> parent: each frontier node of the child table takes its parent if the parent is visible. */
    private Dataset<Row> forward(Dataset<Row> frontier, ForeignKey fk) {
        String child = schema.requireTable(fk.table()).name();
        String parent = schema.requireTable(fk.referencedTable()).name();
        Dataset<Row> from = frontier.filter(col(TABLE).equalTo(child));
        Dataset<Row> link = link(fk, frontierRows(from, child), null);
        Column visible = schema.requireTable(parent).timeColumn() == null ? lit(true)
                : col(PARENT_TIME).leq(col(SAMPLE_TIME));
        return from.join(link, from.col(ROW).equalTo(link.col(CHILD))).filter(visible)
                .select(col(SEED_KEY), col(SEED_ROW), col(SEED_TIME), col(SAMPLE_TIME), lit(parent).as(TABLE),
                        col(PARENT).as(ROW), col(PARENT_TIME).as(TIME), lit(fk.column()).as(EDGE),
                        lit(child).as(PARENT_TABLE), from.col(ROW).as(PARENT_ROW), col(COPIES));
    }

    /** parent -rev_col-> children: each frontier node of the parent table takes its f latest visible children. */
    private Dataset<Row> reverse(Dataset<Row> frontier, ForeignKey fk, int fanout) {
        String child = schema.requireTable(fk.table()).name();
        String parent = schema.requireTable(fk.referencedTable()).name();
        Dataset<Row> from = frontier.filter(col(TABLE).equalTo(parent));
        Dataset<Row> members = memberships(fk, fanout, frontierRows(from, parent));
        boolean timedChild = schema.requireTable(child).timeColumn() != null;
        Column on = from.col(ROW).equalTo(members.col(PARENT));
        if (timedChild) {
            on = on.and(from.col(SAMPLE_TIME).equalTo(members.col(AT)));
        }
        return from.join(members, on)
                .select(col(SEED_KEY), col(SEED_ROW), col(SEED_TIME), col(SAMPLE_TIME), lit(child).as(TABLE),
                        col(CHILD).as(ROW), col(CHILD_TIME).as(TIME),
                        lit(EdgeType.REVERSE_PREFIX + fk.column()).as(EDGE), lit(parent).as(PARENT_TABLE),
                        from.col(ROW).as(PARENT_ROW), col(COPIES));
    }

    /**
     * Which children each parent row samples with fanout f: for a timed child table (parent, seed time, child) for
     * every seed time of the job at which the child is among the parent's f latest visible children; for a static
     * one (parent, child) for its f last rows, whatever the time.
     */
    private Dataset<Row> memberships(ForeignKey fk, int fanout, Dataset<Row> parentRows) {
        String name = fk + "/" + fanout;
        Dataset<Row> cached = parentRows == null ? memberships.get(name) : null;
        if (cached != null) {
            return cached;
        }
        // restricted to the frontier's parents, the window still sees each of them with all its children
        Dataset<Row> link = link(fk, null, parentRows);
        Dataset<Row> m;
        if (schema.requireTable(fk.table()).timeColumn() != null) {
            // siblings in the in-memory CSR's order: time, then row; a null time is never visible
            Dataset<Row> visible = link.filter(col(CHILD_TIME).isNotNull());
            Column until = lead(col(CHILD_TIME), fanout).over(Window.partitionBy(PARENT).orderBy(CHILD_TIME, CHILD));
            m = visible.withColumn(UNTIL, until)
                    .withColumn(AT, explode(seedTimesIn().apply(col(CHILD_TIME), col(UNTIL))))
                    .select(PARENT, AT, CHILD, CHILD_TIME);
        } else {
            Column rank = row_number().over(Window.partitionBy(PARENT).orderBy(col(CHILD).desc()));
            m = link.withColumn("__rank", rank).filter(col("__rank").leq(fanout)).select(PARENT, CHILD, CHILD_TIME);
        }
        if (parentRows != null) {
            return m; // read once, by this hop's join: nothing to cache
        }
        m = persist(m);
        memberships.put(name, m);
        return m;
    }

    /**
     * The edges of a foreign key: (child row, its time, parent row, its time), a row per child whose key names a
     * parent. Keys are compared as text when the two columns were read as different types.
     */
    private Dataset<Row> link(ForeignKey fk, Dataset<Row> childRows, Dataset<Row> parentRows) {
        boolean whole = childRows == null && parentRows == null;
        Dataset<Row> cached = whole ? links.get(fk) : null;
        if (cached != null) {
            return cached;
        }
        TableSchema c = schema.requireTable(fk.table());
        TableSchema p = schema.requireTable(fk.referencedTable());
        if (p.primaryKey() == null) {
            throw new SchemaException("foreign key " + fk + " references table '" + p.name() + "', which has no "
                    + "primary key", "declare primary_key for " + p.name() + " in schema.yaml");
        }
        Dataset<Row> children = positioned(c.name());
        Dataset<Row> parents = positioned(p.name());
        Column childKey = children.col(tableColumn(c, fk.column()));
        Column parentKey = parents.col(tableColumn(p, p.primaryKey()));
        StructField ck = children.schema().apply(tableColumn(c, fk.column()));
        StructField pk = parents.schema().apply(tableColumn(p, p.primaryKey()));
        if (!ck.dataType().equals(pk.dataType())) {
            childKey = childKey.cast(DataTypes.StringType);
            parentKey = parentKey.cast(DataTypes.StringType);
        }
        Dataset<Row> left = children.select(children.col(POS).as(CHILD), time(c, children).as(CHILD_TIME),
                childKey.as(KEY));
        Dataset<Row> right = parents.select(parents.col(POS).as(PARENT), time(p, parents).as(PARENT_TIME),
                parentKey.as(KEY + "_p"));
        if (!whole) {
            // the restricted side is small (FrontierRows' rule): broadcast it, so the other table is only scanned
            left = childRows == null ? left : broadcast(FrontierRows.restrict(left, left.col(CHILD), childRows));
            right = parentRows == null ? right : broadcast(FrontierRows.restrict(right, right.col(PARENT),
                    parentRows));
        }
        // the condition on the sides as joined (restricted above, or whole)
        Dataset<Row> edges = left.join(right, left.col(KEY).equalTo(right.col(KEY + "_p")))
                .select(CHILD, CHILD_TIME, PARENT, PARENT_TIME);
        if (!whole) {
            return edges; // restricted to this hop's frontier: not kept for the next hops
        }
        Dataset<Row> l = persist(edges);
        links.put(fk, l);
        return l;
    }

    /**
     * The frontier's distinct rows of {@code table} when few enough to restrict the other side of its foreign keys
     * to (else null); decided once per hop and table ({@link #frontiers}, cleared at each hop).
     */
    private Dataset<Row> frontierRows(Dataset<Row> from, String table) {
        if (frontiers.containsKey(table)) {
            return frontiers.get(table);
        }
        Dataset<Row> rows = FrontierRows.of(spark, from, ROW, () -> positioned(table).count());
        if (rows != null) {
            persisted.add(rows);
        }
        frontiers.put(table, rows);
        return rows;
    }

    private Column time(TableSchema t, Dataset<Row> rows) {
        return t.timeColumn() == null ? lit(null).cast(DataTypes.LongType) : rows.col(timeColumn(t));
    }

    /** The table with its file-row column {@link #POS}, numbered once and cached for every later use. */
    Dataset<Row> positioned(String table) {
        return positioned.computeIfAbsent(table, t -> persist(RowPositions.of(tables.table(t), POS)));
    }

    private String timeColumn(TableSchema t) {
        return tableColumn(t, t.timeColumn());
    }

    /** The column as {@link SparkTables} names it (the schema's spelling). */
    private static String tableColumn(TableSchema t, String column) {
        return t.column(column).orElseThrow(() -> new SchemaException("table '" + t.name() + "' has no column '"
                + column + "'", "fix schema.yaml")).name();
    }

    private Dataset<Row> persist(Dataset<Row> d) {
        Dataset<Row> p = d.persist(StorageLevel.MEMORY_AND_DISK());
        persisted.add(p);
        return p;
    }

    /** The job's seed times s with from <= s < until (until null: no end), ascending, by binary search. */
    private UserDefinedFunction seedTimesIn() {
        long[] times = seedTimes;
        UDF2<Long, Long, List<Long>> in = (from, until) -> between(times, from, until);
        return udf(in, DataTypes.createArrayType(DataTypes.LongType, false)).asNonNullable();
    }

    static List<Long> between(long[] sorted, long from, Long until) {
        int i = Arrays.binarySearch(sorted, from);
        int start = i >= 0 ? i : -i - 1;
        List<Long> out = new ArrayList<>(2);
        for (int k = start; k < sorted.length && (until == null || sorted[k] < until); k++) {
            out.add(sorted[k]);
        }
        return out;
    }
}

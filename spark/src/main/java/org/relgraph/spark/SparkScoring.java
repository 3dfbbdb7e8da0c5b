package org.relgraph.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.CoGroupFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.relgraph.gnn.encode.ChildSummaries;
import org.relgraph.gnn.encode.StoredChildSummaries;
import org.relgraph.gnn.model.MaterialisedBatches;
import org.relgraph.gnn.model.MaterialisedNode;
import org.relgraph.gnn.model.MaterialisedSeed;
import org.relgraph.models.explain.EntityExplanation;
import org.relgraph.models.explain.ReasonColumns;
import org.relgraph.models.gnn.GnnBatchExplainer;
import org.relgraph.models.gnn.GnnBatchScorer;
import org.relgraph.models.gnn.ModelBundle;
import org.relgraph.schema.ColumnSchema;
import org.relgraph.schema.Schema;
import org.relgraph.schema.SchemaException;
import org.relgraph.schema.SchemaYaml;
import org.relgraph.schema.SemanticType;
import org.relgraph.schema.TableSchema;
import org.relgraph.table.CategoricalColumn;
import org.relgraph.table.DoubleColumn;
import org.relgraph.table.LongColumn;
import org.relgraph.table.Table;
import org.relgraph.validate.InheritedTimes;

/**
 * The executors' half of {@code score}: per seed bucket of the materialised neighbourhoods, the bucket's sampled
 * rows (all hops), the values of the table rows they name (a join of each table with the bucket's distinct rows, by
 * file row) and, for a model with child summaries, the stored summaries, meet in one task (a cogroup by bucket:
 * one **shuffle** of the node rows, the joined values and the summaries); the task rebuilds each seed's subgraph
 * and encodes it ({@link MaterialisedBatches}), runs the broadcast bundle's forward pass in batches of the model's
 * batch size and emits one score per seed; when explaining, also each seed's reasons (its subgraph alone through
 * {@link GnnBatchExplainer}, predict --explain's explainer).
 */
final class SparkScoring {
    static final String SCORE = "score";
    static final String NAME = "name";
    static final String SUMMARIES = "summaries";
    static final String REASONS = "reasons";
    private static final String D = "__d";
    private static final String L = "__l";
    private static final String S = "__s";
    private static final String AS_OF = "as_of";
    private static final String SUMMARY = "summary";
    private static final String POS = "__pos";

    /**
     * The scores' rows: per seed, its anchor, entity row and key, display name (or null), score and, when explained,
     * its REASON_1..K texts (else null).
     */
    static final StructType OUTPUT = new StructType(new StructField[] {
        DataTypes.createStructField(SparkNeighbourhoods.SEED_TIME, DataTypes.LongType, false),
        DataTypes.createStructField(SparkNeighbourhoods.SEED_ROW, DataTypes.LongType, false),
        DataTypes.createStructField(SparkNeighbourhoods.SEED_KEY, DataTypes.StringType, false),
        DataTypes.createStructField(NAME, DataTypes.StringType, true),
        DataTypes.createStructField(SCORE, DataTypes.DoubleType, false),
        DataTypes.createStructField(REASONS, DataTypes.createArrayType(DataTypes.StringType, true), true)});

    private SparkScoring() {
    }

    /** How one table's columns travel to the executors: in three arrays by stored kind, each column's index in one. */
    record ColumnLayout(String name, SemanticType type, char kind, int index) implements Serializable {
    }

    /**
     * What every task needs besides its rows: the bundle's files, the schema, the tables' column layouts, and how
     * many reasons to give each seed ({@code explain}, 0 for none).
     */
    record Job(Map<String, byte[]> bundleFiles, String bundleId, String schemaYaml,
               Map<String, List<ColumnLayout>> layouts, String displayColumn, boolean summaries, int batchSize,
               int explain) implements Serializable {
        /** The same job giving {@code k} reasons per seed. */
        Job withExplain(int k) {
            return new Job(bundleFiles, bundleId, schemaYaml, layouts, displayColumn, summaries, batchSize, k);
        }
    }

    /**
     * A foreign key by which the entity's child summaries count child rows: explaining a seed names and counts
     * those rows ({@code ReasonGrouper}), so its task needs every one of them up to the seed's time, not only the
     * sampled ones.
     */
    record SummarisedChildren(String childTable, String foreignKey) implements Serializable {
    }

    /** The entity table's {@link SummarisedChildren}, as {@code schema} spells the tables. */
    static List<SummarisedChildren> summarisedChildren(ModelBundle bundle, Schema schema, String entity) {
        return bundle.encoding().childActivity(entity).stream().map(e -> new SummarisedChildren(
                schema.requireTable(e.childTable()).name(), e.foreignKey())).toList();
    }

    /** Each table's columns by their type in {@code tables} (D: DOUBLE, L: LONG, S: text), in schema order. */
    static Map<String, List<ColumnLayout>> layouts(SparkTables tables) {
        Map<String, List<ColumnLayout>> out = new LinkedHashMap<>();
        for (TableSchema t : tables.schema().tables()) {
            StructType frame = tables.table(t.name()).schema();
            List<ColumnLayout> columns = new ArrayList<>();
            int[] counts = new int[3];
            for (ColumnSchema c : t.columns()) {
                DataType type = frame.apply(c.name()).dataType();
                char kind = type.equals(DataTypes.DoubleType) ? 'D' : type.equals(DataTypes.LongType) ? 'L' : 'S';
                int slot = kind == 'D' ? 0 : kind == 'L' ? 1 : 2;
                columns.add(new ColumnLayout(c.name(), c.type(), kind, counts[slot]++));
            }
            out.put(t.name(), columns);
        }
        return out;
    }

    /** The bundle folder's files, to broadcast: executors need not see the driver's file system. */
    static Map<String, byte[]> bundleFiles(Path dir) throws IOException {
        Map<String, byte[]> files = new HashMap<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : (Iterable<Path>) list::iterator) {
                if (Files.isRegularFile(p)) {
                    files.put(p.getFileName().toString(), Files.readAllBytes(p));
                }
            }
        }
        return files;
    }

    /**
     * Per seed of the neighbourhoods under {@code nodes} (the {@code subgraphs} folder read as one table), its
     * score: rows of {@link #OUTPUT}.
     *
     * @param summaries the stored child summaries ({@code summaries} folder), or null for a model without them
     * @param children  when explaining, the entity's summarised child rows each task also needs (else empty)
     */
    static Dataset<Row> scores(SparkSession spark, SparkTables tables, Dataset<Row> nodes, Dataset<Row> summaries,
                               List<SummarisedChildren> children, Job job) {
        Dataset<Row> typedNodes = typedNodes(nodes);
        Dataset<Row> sideRows = sideRows(tables, typedNodes, summaries == null ? null : summaryRows(summaries),
                job.layouts(), children);
        Broadcast<Job> shared = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(job);
        return typedNodes.groupByKey((org.apache.spark.api.java.function.MapFunction<Row, Integer>) r -> r.getInt(0),
                        Encoders.INT())
                .cogroup(sideRows.groupByKey((org.apache.spark.api.java.function.MapFunction<Row, Integer>)
                                r -> r.getInt(0), Encoders.INT()),
                        (CoGroupFunction<Integer, Row, Row, Row>) (bucket, nodeRows, valueRows)
                                -> new BucketScorer(shared.value()).score(nodeRows, valueRows),
                        Encoders.row(OUTPUT));
    }

    /**
     * The reasons of the seeds of {@code ranked} only (score --explain K --top N: the rows the ranking kept), by
     * {@link #reasonKey}: the nodes of those seeds (a broadcast semi-join on (anchor, entity row)) scored again with
     * explanations, so the executors explain N seeds per date instead of all of them. Each seed is explained from its
     * own subgraph and child rows, which the restriction keeps whole, so its texts are those of explaining every seed.
     */
    static Map<String, String[]> explainKept(SparkSession spark, SparkTables tables, Dataset<Row> nodes,
                                             Dataset<Row> summaries, List<SummarisedChildren> children, Job job,
                                             List<ScoreCommand.Ranked> ranked) {
        List<Row> kept = new ArrayList<>();
        for (ScoreCommand.Ranked r : ranked) {
            for (long seedRow : r.seedRowsOfTable()) {
                kept.add(RowFactory.create(r.anchor(), seedRow));
            }
        }
        Map<String, String[]> out = new HashMap<>();
        if (kept.isEmpty()) {
            return out;
        }
        StructType keys = new StructType(new StructField[] {
            DataTypes.createStructField("__kept_time", DataTypes.LongType, false),
            DataTypes.createStructField("__kept_row", DataTypes.LongType, false)});
        Dataset<Row> keptSeeds = spark.createDataFrame(kept, keys);
        Dataset<Row> keptNodes = nodes.join(org.apache.spark.sql.functions.broadcast(keptSeeds),
                nodes.col(SparkNeighbourhoods.SEED_TIME).cast(DataTypes.LongType).equalTo(keptSeeds.col("__kept_time"))
                        .and(nodes.col(SparkNeighbourhoods.SEED_ROW).cast(DataTypes.LongType)
                                .equalTo(keptSeeds.col("__kept_row"))), "left_semi");
        for (Row r : scores(spark, tables, keptNodes, summaries, children, job).collectAsList()) {
            out.put(reasonKey(r.getLong(0), r.getString(2)), r.<String>getList(5).toArray(String[]::new));
        }
        return out;
    }

    /** A seed's identity in {@link #explainKept}'s answer: its anchor and key. */
    static String reasonKey(long anchor, String key) {
        return anchor + "/" + key;
    }

    /**
     * The neighbourhoods' node rows in the types the tasks read: (bucket, seed_key, seed_row, seed_time,
     * sample_time, hop, table, row, time, edge, parent_table, parent_row, copies). The first column is the task's
     * key (the seed bucket here; {@code train} puts its partition there).
     */
    static Dataset<Row> typedNodes(Dataset<Row> nodes) {
        return nodes.select(col(SparkNeighbourhoods.BUCKET).cast(DataTypes.IntegerType),
                col(SparkNeighbourhoods.SEED_KEY).cast(DataTypes.StringType),
                col(SparkNeighbourhoods.SEED_ROW).cast(DataTypes.LongType),
                col(SparkNeighbourhoods.SEED_TIME).cast(DataTypes.LongType),
                col(SparkNeighbourhoods.SAMPLE_TIME).cast(DataTypes.LongType),
                col(SparkNeighbourhoods.HOP).cast(DataTypes.IntegerType), col(SparkNeighbourhoods.TABLE),
                col(SparkNeighbourhoods.ROW).cast(DataTypes.LongType),
                col(SparkNeighbourhoods.TIME).cast(DataTypes.LongType), col(SparkNeighbourhoods.EDGE),
                col(SparkNeighbourhoods.PARENT_TABLE), col(SparkNeighbourhoods.PARENT_ROW).cast(DataTypes.LongType),
                col(SparkNeighbourhoods.COPIES).cast(DataTypes.LongType));
    }

    /**
     * Child summaries (columns bucket, table, row, as_of, summary: the neighbourhoods job's {@code summaries/}
     * layout, the first column the task's key) in {@link #sideRows}' layout.
     */
    static Dataset<Row> summaryRows(Dataset<Row> summaries) {
        return summaries.select(col(SparkNeighbourhoods.BUCKET).cast(DataTypes.IntegerType),
                col(SparkNeighbourhoods.TABLE), col(SparkNeighbourhoods.ROW).cast(DataTypes.LongType),
                col(AS_OF).cast(DataTypes.LongType), lit(null).cast(DataTypes.createArrayType(DataTypes.DoubleType))
                        .as(D), lit(null).cast(DataTypes.createArrayType(DataTypes.LongType)).as(L),
                lit(null).cast(DataTypes.createArrayType(DataTypes.StringType)).as(S),
                col(SUMMARY).cast(DataTypes.createArrayType(DataTypes.FloatType)));
    }

    /**
     * Per task key (column 0 of {@code typedNodes}), the values of every table row its nodes name (a join of each
     * table with the key's distinct rows, by file row), packed by stored kind, followed by {@code summaryRows} (in
     * {@link #summaryRows}' layout, or null): (key, table, row, as_of, doubles, longs, texts, summary).
     *
     * @param children when explaining, the seeds' summarised child rows each task also needs (else empty)
     */
    static Dataset<Row> sideRows(SparkTables tables, Dataset<Row> typedNodes, Dataset<Row> summaryRows,
                                 Map<String, List<ColumnLayout>> layouts, List<SummarisedChildren> children) {
        List<Dataset<Row>> side = new ArrayList<>();
        for (Map.Entry<String, List<ColumnLayout>> e : layouts.entrySet()) {
            String table = e.getKey();
            Dataset<Row> wanted = typedNodes.filter(col(SparkNeighbourhoods.TABLE).equalTo(table))
                    .select(col(SparkNeighbourhoods.BUCKET), col(SparkNeighbourhoods.ROW));
            for (SummarisedChildren c : children) {
                if (c.childTable().equals(table)) {
                    wanted = wanted.unionAll(seedsChildren(tables, typedNodes, c));
                }
            }
            wanted = wanted.distinct();
            Dataset<Row> rows = RowPositions.of(tables.table(table), POS);
            Dataset<Row> values = rows.select(col(POS), packed(e.getValue(), 'D', DataTypes.DoubleType).as(D),
                    packed(e.getValue(), 'L', DataTypes.LongType).as(L),
                    packed(e.getValue(), 'S', DataTypes.StringType).as(S));
            side.add(wanted.join(values, wanted.col(SparkNeighbourhoods.ROW).equalTo(values.col(POS)))
                    .select(col(SparkNeighbourhoods.BUCKET), lit(table).as(SparkNeighbourhoods.TABLE),
                            col(SparkNeighbourhoods.ROW), lit(null).cast(DataTypes.LongType).as(AS_OF), col(D),
                            col(L), col(S), lit(null).cast(DataTypes.createArrayType(DataTypes.FloatType))
                                    .as(SUMMARY)));
        }
        if (summaryRows != null) {
            side.add(summaryRows);
        }
        return side.stream().reduce(Dataset::unionAll).orElseThrow();
    }

    /**
     * Per seed, its entity's child rows over {@code c}'s foreign key at or before its sample time (the rows its child
     * summaries counted): columns BUCKET, ROW (the child's file row). A **shuffle** of the child table's key and time
     * columns with the entity table's keys, then with the seeds.
     */
    private static Dataset<Row> seedsChildren(SparkTables tables, Dataset<Row> typedNodes, SummarisedChildren c) {
        Schema schema = tables.schema();
        TableSchema child = schema.requireTable(c.childTable());
        Dataset<Row> seeds = typedNodes.filter(col(SparkNeighbourhoods.HOP).equalTo(0))
                .select(col(SparkNeighbourhoods.BUCKET), col(SparkNeighbourhoods.ROW).as("__seed"),
                        col(SparkNeighbourhoods.SAMPLE_TIME).as("__t0"))
                .distinct();
        TableSchema parent = ReferencedTables.parentOf(schema, child, c.foreignKey());
        Dataset<Row> p = RowPositions.of(tables.table(parent.name()), POS);
        Dataset<Row> parents = p.select(col(POS).as("__parent"), col(parent.column(parent.primaryKey()).orElseThrow()
                .name()).as("__key"));
        Dataset<Row> rows = RowPositions.of(tables.table(child.name()), POS);
        String fk = child.column(c.foreignKey()).orElseThrow().name();
        String time = child.column(child.timeColumn()).orElseThrow().name();
        Column matches = SparkTables.keysMatch(rows.col(fk), parents.col("__key"), rows.schema().apply(fk).dataType(),
                parents.schema().apply("__key").dataType());
        Dataset<Row> linked = rows.filter(rows.col(time).isNotNull()).join(parents, matches)
                .select(col(POS).as("__child"), col("__parent"), rows.col(time).as("__time"));
        // hop 0 is the seed's own entity row, the parent table of the entity's summarised foreign keys
        return linked.join(seeds, linked.col("__parent").equalTo(seeds.col("__seed"))
                        .and(linked.col("__time").leq(seeds.col("__t0"))))
                .select(col(SparkNeighbourhoods.BUCKET), col("__child").as(SparkNeighbourhoods.ROW));
    }

    /** The table's columns of one stored kind as an array column (empty when it has none). */
    static Column packed(List<ColumnLayout> columns, char kind, DataType type) {
        Column[] picked = columns.stream().filter(c -> c.kind() == kind).map(c -> col(c.name()).cast(type))
                .toArray(Column[]::new);
        return picked.length == 0 ? org.apache.spark.sql.functions.array().cast(DataTypes.createArrayType(type))
                : org.apache.spark.sql.functions.array(picked);
    }

    /** One task: a bucket's rows in, its seeds' scores out. */
    static final class BucketScorer {
        /** Bundles read in this executor JVM, by id: tasks share the weights and encoding, each builds its model. */
        private static final Map<String, ModelBundle> BUNDLES = new ConcurrentHashMap<>();
        private final Job job;

        BucketScorer(Job job) {
            this.job = job;
        }

        Iterator<Row> score(Iterator<Row> nodeRows, Iterator<Row> valueRows) throws IOException {
            Schema schema = InheritedTimes.resolvedSchema(SchemaYaml.parse(job.schemaYaml(), "the driver's schema"));
            ModelBundle bundle = bundle(job.bundleId(), job.bundleFiles());
            GnnBatchScorer scorer = GnnBatchScorer.open(bundle, Path.of("(broadcast bundle)"), schema);
            MaterialisedRows rows = new MaterialisedRows(schema, job.layouts(), job.summaries() ? bundle.encoding()
                    : null, valueRows);
            MaterialisedBatches batches = scorer.batches(rows.tables(), rows.summaries());
            GnnBatchExplainer explainer = job.explain() > 0 ? new GnnBatchExplainer(bundle, schema, rows.tables())
                    : null;
            // the seeds and their nodes, in (anchor, entity row) order
            Map<List<Long>, List<Row>> bySeed = new java.util.TreeMap<>(
                    java.util.Comparator.<List<Long>>comparingLong(k -> k.get(0)).thenComparingLong(k -> k.get(1)));
            while (nodeRows.hasNext()) {
                Row r = nodeRows.next();
                bySeed.computeIfAbsent(List.of(r.getLong(3), r.getLong(2)), k -> new ArrayList<>()).add(r);
            }
            String entity = scorer.entityType();
            Table entities = rows.tables().get(entity);
            org.relgraph.table.Column name = job.displayColumn() == null ? null
                    : entities.requireColumn(job.displayColumn());
            List<Row> out = new ArrayList<>();
            List<MaterialisedSeed> batch = new ArrayList<>();
            List<Row> heads = new ArrayList<>();
            for (List<Row> seedRows : bySeed.values()) {
                batch.add(rows.seed(seedRows, entity));
                heads.add(seedRows.get(0));
                if (batch.size() == job.batchSize()) {
                    flush(scorer, batches, explainer, job.explain(), batch, heads, name, out);
                }
            }
            flush(scorer, batches, explainer, job.explain(), batch, heads, name, out);
            return out.iterator();
        }

        /**
         * Scores a batch of seeds and, with an {@code explainer}, explains each seed alone (its subgraph assembled
         * by itself, as {@code predict --explain} samples one entity), keeping {@code k} reasons.
         */
        private static void flush(GnnBatchScorer scorer, MaterialisedBatches batches, GnnBatchExplainer explainer,
                                  int k, List<MaterialisedSeed> batch, List<Row> heads, org.relgraph.table.Column name,
                                  List<Row> out) {
            if (batch.isEmpty()) {
                return;
            }
            double[][] outputs = scorer.outputs(batches.assemble(batch).batch());
            double[] scores = scorer.scores(outputs);
            for (int i = 0; i < scores.length; i++) {
                Row h = heads.get(i);
                MaterialisedSeed seed = batch.get(i);
                String[] reasons = null;
                if (explainer != null) {
                    EntityExplanation e = explainer.explain(batches.assemble(List.of(seed)), seed.row(),
                            seed.sampleTime(), outputs[i], scores[i], k);
                    reasons = ReasonColumns.texts(e, k);
                }
                out.add(RowFactory.create(h.getLong(3), h.getLong(2), h.getString(1),
                        name == null ? null : name.format(seed.row()), scores[i], reasons));
            }
            batch.clear();
            heads.clear();
        }

        /** The bundle of these files, read once per executor JVM and id. */
        static ModelBundle bundle(String id, Map<String, byte[]> files) throws IOException {
            ModelBundle cached = BUNDLES.get(id);
            if (cached != null) {
                return cached;
            }
            Path dir = Files.createTempDirectory("relgraph-bundle");
            try {
                for (Map.Entry<String, byte[]> f : files.entrySet()) {
                    Files.write(dir.resolve(f.getKey()), f.getValue());
                }
                ModelBundle bundle = ModelBundle.load(dir);
                BUNDLES.put(id, bundle);
                return bundle;
            } finally {
                org.relgraph.io.OutputFolder.deleteRecursively(dir);
            }
        }
    }
}

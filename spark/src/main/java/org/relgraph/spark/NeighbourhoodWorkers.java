package org.relgraph.spark;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.relgraph.gnn.encode.DatabaseEncoding;
import org.relgraph.gnn.model.GraphBatch;
import org.relgraph.gnn.model.MaterialisedBatches;
import org.relgraph.gnn.model.MaterialisedSeed;
import org.relgraph.gnn.train.LabeledSeeds;
import org.relgraph.gnn.train.ShardSteps;
import org.relgraph.models.gnn.GnnShardWorkers;
import org.relgraph.models.gnn.ModelBundle;
import org.relgraph.schema.Schema;
import org.relgraph.schema.SchemaException;
import org.relgraph.schema.SchemaYaml;
import org.relgraph.validate.InheritedTimes;

/**
 * {@code train --neighbourhoods}: workers whose batches are assembled from materialised neighbourhoods instead of
 * a database. Each training seed (entity row, sample time) is placed on one partition for the whole run; the
 * partition's neighbourhood rows (only its seeds'), the values of the table rows they name and their child summaries
 * are gathered once into one element per partition (chunks of primitive columns, {@link GatheredRows}, moved by one
 * shuffle) and cached on the executors (Spark's block cache, memory only).
 * Every round runs one task per partition over that cached element, so the scheduler sends it where the element is,
 * and the task trains its shard with {@link MaterialisedBatches} ({@link ShardSteps}). MOST_RECENT sampling is the
 * same every epoch, so this one materialisation serves every round.
 */
final class NeighbourhoodWorkers implements ParameterAveraging.Workers {
    private static final String PART = "__partition";

    /** What every task needs besides its partition and shard. */
    record Setup(TrainingWorkers.Recipe recipe, String schemaYaml, Map<String, List<SparkScoring.ColumnLayout>> layouts,
                 boolean summaries, String entity) implements Serializable {
    }

    private final SparkSession spark;
    private final JavaSparkContext jsc;
    private final SparkTables tables;
    private final Path subgraphs;
    private final DatabaseEncoding encoding;
    private final Setup setup;
    private final KeyNames keys;
    private final java.util.function.Consumer<String> progress;
    private final SparkStageMetrics metrics;
    private Broadcast<Setup> setupBroadcast;
    private Broadcast<Map<Integer, ParameterAveraging.Task>> lastTasks;
    private JavaRDD<TrainingPartition> cached;

    /** Names a seed in messages: its entity key and time. */
    interface KeyNames {
        String seed(int row, long time);
    }

    /**
     * @param subgraphs the {@code subgraphs} folder of the neighbourhoods, already checked against the request
     * @param encoding  the untrained model's fitted encoding: its child summaries are computed here from the data
     */
    NeighbourhoodWorkers(SparkSession spark, SparkTables tables, Path subgraphs, TrainingWorkers.Recipe recipe,
                         DatabaseEncoding encoding, String entity, KeyNames keys,
                         java.util.function.Consumer<String> progress, SparkStageMetrics metrics) {
        this.spark = spark;
        this.jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        this.tables = tables;
        this.subgraphs = subgraphs;
        this.encoding = encoding;
        boolean summaries = tables.schema().tables().stream()
                .anyMatch(t -> encoding.childActivityWidth(t.name()) > 0);
        this.setup = new Setup(recipe, SchemaYaml.toYaml(tables.schema()), SparkScoring.layouts(tables), summaries,
                entity);
        this.keys = keys;
        this.progress = progress;
        this.metrics = metrics;
    }

    /**
     * The seeds' partitions: distinct (row, sample time) in the training table's order, dealt round robin; their
     * neighbourhoods are then gathered and cached per partition.
     *
     * @throws SchemaException when the neighbourhoods lack a training seed
     */
    @Override
    public int[] partitionOf(LabeledSeeds train, int partitions) {
        Map<SeedKey, Integer> placed = new LinkedHashMap<>();
        int[] out = new int[train.size()];
        for (int e = 0; e < train.size(); e++) {
            SeedKey k = new SeedKey(train.rows()[e], train.times()[e]);
            Integer p = placed.get(k);
            if (p == null) {
                p = placed.size() % partitions;
                placed.put(k, p);
            }
            out[e] = p;
        }
        List<Row> assignment = new ArrayList<>(placed.size());
        placed.forEach((k, p) -> assignment.add(RowFactory.create((long) k.row(), k.time(), p)));
        StructType schema = new StructType()
                .add(SparkNeighbourhoods.SEED_ROW, DataTypes.LongType, false)
                .add(SparkNeighbourhoods.SAMPLE_TIME, DataTypes.LongType, false)
                .add(PART, DataTypes.IntegerType, false);
        Dataset<Row> assigned = spark.createDataFrame(assignment, schema);
        Dataset<Row> nodes = SparkScoring.typedNodes(spark.read().parquet(subgraphs.toString()));
        try (SparkStageMetrics.Section s = metrics.section("seed check")) {
            requireEverySeed(assigned, nodes, placed.size());
        }
        try (SparkStageMetrics.Section s = metrics.section("gather")) {
            cached = gather(assigned, nodes, partitions);
        }
        setupBroadcast = jsc.broadcast(setup);
        return out;
    }

    /** Every training seed must have its neighbourhood (its hop-0 row), else it would silently not be trained. */
    private void requireEverySeed(Dataset<Row> assigned, Dataset<Row> nodes, int seeds) {
        Dataset<Row> stored = nodes.filter(col(SparkNeighbourhoods.HOP).equalTo(0))
                .select(SparkNeighbourhoods.SEED_ROW, SparkNeighbourhoods.SAMPLE_TIME).distinct();
        Dataset<Row> missing = assigned.join(stored, scala.jdk.javaapi.CollectionConverters.asScala(List.of(
                SparkNeighbourhoods.SEED_ROW, SparkNeighbourhoods.SAMPLE_TIME)).toSeq(), "left_anti").cache();
        try {
            long count = missing.count();
            if (count > 0) {
                Row first = missing.orderBy(SparkNeighbourhoods.SAMPLE_TIME, SparkNeighbourhoods.SEED_ROW).first();
                throw new SchemaException("--neighbourhoods " + subgraphs.getParent() + " hold no neighbourhood for "
                        + count + " of the " + seeds + " training seeds (first: " + keys.seed(
                        (int) first.getLong(0), first.getLong(1)) + ")", "materialise them from this training "
                        + "request's rows: relgraph-spark labels with the same --query and split options (--test-time, "
                        + "--val-time, --train-anchors), then neighbourhoods --labels on that file");
            }
        } finally {
            missing.unpersist();
        }
    }

    /** Per partition one element: its seeds' node rows, the values of the rows they name and their summaries. */
    private JavaRDD<TrainingPartition> gather(Dataset<Row> assigned, Dataset<Row> nodes, int partitions) {
        Dataset<Row> keyed = nodes.join(assigned, scala.jdk.javaapi.CollectionConverters.asScala(List.of(
                        SparkNeighbourhoods.SEED_ROW, SparkNeighbourhoods.SAMPLE_TIME)).toSeq())
                .select(col(PART).as(SparkNeighbourhoods.BUCKET), col(SparkNeighbourhoods.SEED_KEY),
                        col(SparkNeighbourhoods.SEED_ROW), col(SparkNeighbourhoods.SEED_TIME),
                        col(SparkNeighbourhoods.SAMPLE_TIME), col(SparkNeighbourhoods.HOP),
                        col(SparkNeighbourhoods.TABLE), col(SparkNeighbourhoods.ROW), col(SparkNeighbourhoods.TIME),
                        col(SparkNeighbourhoods.EDGE), col(SparkNeighbourhoods.PARENT_TABLE),
                        col(SparkNeighbourhoods.PARENT_ROW), col(SparkNeighbourhoods.COPIES));
        Dataset<Row> summaryRows = null;
        if (setup.summaries()) {
            // computed with the encoding the driver just fitted (a stored summaries/ folder belongs to some bundle)
            SparkChildSummaries summaries = new SparkChildSummaries(tables, encoding);
            Dataset<Row> asked = keyed.filter(col(SparkNeighbourhoods.TABLE).isin(summaries.summarisedTables()
                            .toArray()))
                    .select(col(SparkNeighbourhoods.BUCKET), col(SparkNeighbourhoods.TABLE),
                            col(SparkNeighbourhoods.ROW), col(SparkNeighbourhoods.SAMPLE_TIME)
                                    .as(SparkChildSummaries.AS_OF)).distinct();
            Dataset<Row> computed = summaries.summaries(asked.select(SparkChildSummaries.TABLE,
                    SparkChildSummaries.ROW, SparkChildSummaries.AS_OF).distinct());
            summaryRows = SparkScoring.summaryRows(asked.join(computed, scala.jdk.javaapi.CollectionConverters
                    .asScala(List.of(SparkChildSummaries.TABLE, SparkChildSummaries.ROW, SparkChildSummaries.AS_OF))
                    .toSeq()));
        }
        Dataset<Row> values = SparkScoring.sideRows(tables, keyed, summaryRows, setup.layouts(), List.of());
        HashPartitioner byPartition = new HashPartitioner(partitions); // key p in partition p
        // Map-side, each input partition's rows become chunks of primitive columns per training partition; one
        // shuffle of those chunks puts partition p's on partition p. No cogroup: a group per partition made the
        // reduce side hold, spill and merge all of a partition's rows as Java-serialised Row objects (docs/SPARK.md,
        // "train: gather cost").
        JavaPairRDD<Integer, GatheredRows> nodeChunks = keyed.javaRDD()
                .mapPartitionsToPair(rows -> GatheredRows.chunks(GatheredRows.Kind.NODES, rows));
        JavaPairRDD<Integer, GatheredRows> valueChunks = values.javaRDD()
                .mapPartitionsToPair(rows -> GatheredRows.chunks(GatheredRows.Kind.VALUES, rows));
        JavaRDD<TrainingPartition> out = nodeChunks.union(valueChunks).partitionBy(byPartition)
                .mapPartitions(chunks -> {
                    List<GatheredRows> nodeRows = new ArrayList<>();
                    List<GatheredRows> valueRows = new ArrayList<>();
                    chunks.forEachRemaining(c -> (c._2().kind() == GatheredRows.Kind.NODES ? nodeRows : valueRows)
                            .add(c._2()));
                    return nodeRows.isEmpty() && valueRows.isEmpty() ? Collections.<TrainingPartition>emptyIterator()
                            : List.of(new TrainingPartition(nodeRows, valueRows)).iterator();
                }, true)
                .persist(StorageLevel.MEMORY_ONLY());
        long rows = out.map(TrainingPartition::rows).reduce(Long::sum);
        progress.accept("neighbourhoods: " + rows + " node and value rows of the training seeds cached on "
                + partitions + " partition" + (partitions == 1 ? "" : "s"));
        return out;
    }

    @Override
    public JavaRDD<ParameterAveraging.Outcome> run(List<ParameterAveraging.Task> tasks,
                                                   Broadcast<ShardSteps.State> start) {
        if (lastTasks != null) {
            lastTasks.destroy(); // the previous round's, aggregated by now
        }
        Map<Integer, ParameterAveraging.Task> byPartition = new HashMap<>();
        tasks.forEach(t -> byPartition.put(t.partition(), t));
        Broadcast<Map<Integer, ParameterAveraging.Task>> mine = jsc.broadcast(byPartition);
        lastTasks = mine;
        Broadcast<Setup> s = setupBroadcast;
        return cached.mapPartitionsWithIndex((index, elements) -> {
            ParameterAveraging.Task task = mine.value().get(index);
            if (task == null) {
                return Collections.emptyIterator();
            }
            if (!elements.hasNext()) {
                throw new IllegalStateException("partition " + index + " holds no neighbourhoods for its shard");
            }
            TrainingPartition data = elements.next();
            return List.of(new ParameterAveraging.Outcome(task, train(s.value(), data,
                    ParameterAveraging.startFor(task, start.value()), task.shard()))).iterator();
        }, true);
    }

    @Override
    public void release() {
        if (lastTasks != null) {
            lastTasks.destroy();
            lastTasks = null;
        }
        if (setupBroadcast != null) {
            setupBroadcast.destroy();
            setupBroadcast = null;
        }
        if (cached != null) {
            cached.unpersist(false);
            cached = null;
        }
        POOLS.remove(setup.recipe().runId());
    }

    /** A seed as the training examples name it: entity row and the time its inputs are seen as of. */
    record SeedKey(int row, long time) {
    }

    /**
     * One partition's rows, as cached on its executor: its seeds' node rows and the value (and summary) rows they
     * name, in {@link SparkScoring}'s layouts, as chunks of primitive columns ({@link GatheredRows}); what
     * {@link MaterialisedBatches} reads is built from them on first use in that executor and kept with them (so an
     * executor holds its partitions' rows twice: as columns and as small tables).
     */
    static final class TrainingPartition implements Serializable {
        private final List<GatheredRows> nodes;
        private final List<GatheredRows> values;
        private transient volatile Built built;

        TrainingPartition(List<GatheredRows> nodes, List<GatheredRows> values) {
            this.nodes = nodes;
            this.values = values;
        }

        long rows() {
            long n = 0;
            for (GatheredRows c : nodes) {
                n += c.size();
            }
            for (GatheredRows c : values) {
                n += c.size();
            }
            return n;
        }

        Built built(Setup setup, ModelBundle bundle) {
            Built b = built;
            if (b == null) {
                synchronized (this) {
                    if (built == null) {
                        built = Built.of(setup, bundle, rows(nodes), rows(values));
                    }
                    b = built;
                }
            }
            return b;
        }

        private static Iterator<Row> rows(List<GatheredRows> chunks) {
            return chunks.stream().flatMap(c -> java.util.stream.StreamSupport.stream(
                    java.util.Spliterators.spliteratorUnknownSize(c.rows(), 0), false)).iterator();
        }
    }

    /** A partition's seeds by (row, sample time) and the assembler over the rows they name. */
    record Built(Map<SeedKey, MaterialisedSeed> seeds, MaterialisedBatches batches) {
        static Built of(Setup setup, ModelBundle bundle, Iterator<Row> nodes, Iterator<Row> values) {
            Schema schema = InheritedTimes.resolvedSchema(SchemaYaml.parse(setup.schemaYaml(), "the driver's schema"));
            MaterialisedRows rows = new MaterialisedRows(schema, setup.layouts(),
                    setup.summaries() ? bundle.encoding() : null, values);
            Map<List<Long>, List<Row>> bySeed = new LinkedHashMap<>();
            while (nodes.hasNext()) {
                Row r = nodes.next();
                bySeed.computeIfAbsent(List.of(r.getLong(3), r.getLong(2)), k -> new ArrayList<>()).add(r);
            }
            Map<SeedKey, MaterialisedSeed> seeds = new HashMap<>();
            for (List<Row> seedRows : bySeed.values()) {
                Row first = seedRows.get(0);
                // anchors capped by the same input cutoff share their sample time, hence their neighbourhood
                seeds.computeIfAbsent(new SeedKey((int) first.getLong(2), first.getLong(4)),
                        k -> rows.seed(seedRows, setup.entity()));
            }
            MaterialisedBatches batches = MaterialisedBatches.bind(schema, bundle.encoding(), rows.tables(),
                    rows.summaries(), setup.entity(), bundle.config().samplerConfig().hops());
            return new Built(seeds, batches);
        }
    }

    /** Idle workers of the current run in this JVM (one model each), with the source they read batches from. */
    private static final Map<String, ConcurrentLinkedQueue<Worker>> POOLS = new ConcurrentHashMap<>();

    private record Worker(ShardSteps steps, PartitionSource source) {
    }

    /** A shard's batches from the partition the worker is given before its run. */
    private static final class PartitionSource implements ShardSteps.BatchSource {
        Built partition;

        @Override
        public Iterator<GraphBatch> batches(ShardSteps.Shard shard) {
            Built data = partition;
            int n = shard.rows().length;
            return new Iterator<>() {
                int from;

                @Override
                public boolean hasNext() {
                    return from < n;
                }

                @Override
                public GraphBatch next() {
                    if (from >= n) {
                        throw new NoSuchElementException();
                    }
                    int to = Math.min(n, from + shard.batchSize());
                    List<MaterialisedSeed> seeds = new ArrayList<>(to - from);
                    for (int i = from; i < to; i++) {
                        MaterialisedSeed s = data.seeds().get(new SeedKey(shard.rows()[i], shard.times()[i]));
                        if (s == null) {
                            throw new IllegalStateException("no neighbourhood of seed row " + shard.rows()[i]
                                    + " at " + shard.times()[i] + " in this partition");
                        }
                        seeds.add(s);
                    }
                    from = to;
                    return data.batches().assemble(seeds).batch();
                }
            };
        }
    }

    /** One task: the shard's steps from {@code start} with a pooled worker over the partition's rows. */
    static ShardSteps.Result train(Setup setup, TrainingPartition data, ShardSteps.State start,
                                   ShardSteps.Shard shard) {
        ModelBundle bundle;
        try {
            bundle = SparkScoring.BucketScorer.bundle(setup.recipe().runId(), setup.recipe().bundleFiles());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Built built = data.built(setup, bundle);
        ConcurrentLinkedQueue<Worker> pool = POOLS.computeIfAbsent(setup.recipe().runId(), id -> {
            POOLS.keySet().removeIf(other -> !other.equals(id)); // one run at a time per JVM
            return new ConcurrentLinkedQueue<>();
        });
        Worker worker = pool.poll();
        if (worker == null) {
            TrainingWorkers.limitThreads(setup.recipe().threads());
            Schema schema = InheritedTimes.resolvedSchema(SchemaYaml.parse(setup.schemaYaml(), "the driver's schema"));
            PartitionSource source = new PartitionSource();
            worker = new Worker(GnnShardWorkers.open(bundle, Path.of("(broadcast bundle)"), schema, source), source);
        }
        try {
            worker.source().partition = built;
            return worker.steps().run(start, shard);
        } finally {
            worker.source().partition = null;
            pool.add(worker);
        }
    }
}

package org.relgraph.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relgraph.datasets.bank.BankConfig;
import org.relgraph.datasets.bank.BankGenerator;
import org.relgraph.datasets.bank.BankQueries;
import org.relgraph.gnn.encode.ChildActivityFeatures;
import org.relgraph.gnn.encode.DatabaseEncoding;
import org.relgraph.gnn.encode.EncodingConfig;
import org.relgraph.gnn.model.GnnConfig;
import org.relgraph.gnn.train.TrainingListener;
import org.relgraph.graph.HeteroGraph;
import org.relgraph.models.gnn.GnnPredictor;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.SplitPlanner;
import org.relgraph.query.TrainingSplits;
import org.relgraph.query.TrainingTableBuilder;
import org.relgraph.source.DataSources;
import org.relgraph.table.Database;

/**
 * The child summaries the Spark jobs compute ({@link SparkChildSummaries}) are, for every (table, row, as_of) they
 * write, the floats {@link ChildActivityFeatures#write} writes for that row at that time, bit for bit: through the
 * neighbourhoods job with {@code --model} on a generated bank (with and without an input cutoff), and through
 * {@link SparkChildSummaries#summaries} on a rel-f1-shaped database ({@link SmallF1Graph}: ties in time, a result
 * without a date, a null measure, rows exactly at an anchor) at every child's time, one millisecond either side and
 * 30 and 90 days later; and a child newer than as_of is never counted.
 */
class SparkChildSummariesTest {
    static final String MORTGAGE = BankQueries.MORTGAGE;
    /** The model's task: a count has labels in every split of a small bank (200 customers have few mortgages). */
    private static final String TRANSACTIONS = "PREDICT COUNT(TRANSACTIONS.*, 0, 30, days) "
            + "FOR EACH CUSTOMERS.CUSTOMER_ID";
    private static final long DAY = 86_400_000L;

    @TempDir
    static Path tmp;
    static SparkSession spark;
    static Path bank;
    static Path bankLabels;
    static Path model;

    @BeforeAll
    static void start() throws IOException {
        spark = LocalSpark.session();
        bank = tmp.resolve("bank");
        new BankGenerator(BankConfig.of(200, 11)).generate(bank);
        bankLabels = tmp.resolve("mortgage.csv");
        SparkLabelsTest.singleMachine(bank, MORTGAGE, bankLabels, "--train-anchors", "3");
        model = trainSmallModel(bank, tmp.resolve("model"));
    }

    /** A small GNN bundle (one epoch) trained on {@code data} for a count of transactions: what --model reads. */
    static Path trainSmallModel(Path data, Path dir) throws IOException {
        Database db = DataSources.open(data.toString()).load().database();
        PredictiveQuery query = PredictiveQuery.parse(TRANSACTIONS, db.schema());
        SplitPlanner planner = new SplitPlanner(db, query.window());
        planner.maxTrainAnchors(2);
        TrainingSplits splits = new TrainingTableBuilder(db, query).build(planner.plan());
        GnnConfig small = GnnConfig.defaults().withHidden(8).withFanouts(3, 2).withBatchSize(256).withEpochs(1)
                .withSeed(3);
        try (GnnPredictor trained = GnnPredictor.train(db, query, splits, small, TrainingListener.NONE)) {
            trained.save(dir);
        }
        return dir;
    }

    @Test
    void bankSummariesEqualTheInMemoryFeaturesForEveryNodeWritten() throws IOException {
        Path out = runJob("bank", null);
        assertTrue(Files.readString(out.resolve("neighbourhoods.json")).contains("\"config_identity\": \""),
                Files.readString(out.resolve("neighbourhoods.json")));
        // the model's fanouts (3,2) were taken: no --fanouts given
        assertTrue(Files.readString(out.resolve("neighbourhoods.json")).contains("\"fanouts\": [3, 2]"));
        int checked = sameAsInMemory(bank, out, model);
        assertTrue(checked > 300, "summaries checked: " + checked);
    }

    /**
     * Restricted to the asked rows' children (FrontierRows forced on) or over the whole child tables (forced off),
     * every summary is the in-memory features' all the same.
     */
    @Test
    void restrictedToTheAskedRowsOrNotSummariesEqualTheInMemoryFeatures() {
        SparkNeighbourhoodsTest.withRestriction("always", () -> assertTrue(sameAsInMemory(bank,
                runJob("bank-restricted", null), model) > 300));
        SparkNeighbourhoodsTest.withRestriction("never", () -> assertTrue(sameAsInMemory(bank,
                runJob("bank-whole", null), model) > 300));
    }

    /** With --input-cutoff the nodes are encoded as of the clamped sample time, so that is the summaries' as_of. */
    @Test
    void withAnInputCutoffSummariesAreAsOfTheSampleTime() throws IOException {
        List<String> anchors = Files.readAllLines(bankLabels).stream().skip(1).map(l -> l.split(",")[1]).distinct()
                .sorted().toList();
        String cutoff = anchors.get(anchors.size() / 2);
        Path out = runJob("bank-cutoff", cutoff);
        long cut = SparkNeighbourhoodsTest.ms(cutoff);
        // seeds anchored after the cutoff are encoded as of it (customers created later: as of their creation)
        List<Long> asOf = spark.read().parquet(out.resolve("summaries").toString()).select("as_of").distinct()
                .collectAsList().stream().map(r -> r.getLong(0)).toList();
        assertTrue(asOf.contains(cut), asOf.toString());
        sameAsInMemory(bank, out, model);
    }

    /**
     * Every child's time, one millisecond before and after it, and 30 and 90 days (and a millisecond) later: the
     * boundaries of every count and window, on each summarised table of the rel-f1-shaped database, including the
     * rows (drivers, circuits) that have no child at some of those times.
     */
    @Test
    void relF1ShapedSummariesEqualTheInMemoryFeaturesAtEveryBoundary() throws IOException {
        Path f1 = SmallF1Graph.write(tmp.resolve("f1"));
        Database db = DataSources.open(f1.toString()).load().database();
        DatabaseEncoding encoding = DatabaseEncoding.fit(db, Long.MAX_VALUE, EncodingConfig.defaults()
                .withMinCategoryCount(1));
        assertTrue(encoding.childActivity().stream().anyMatch(e -> !e.breakdowns().isEmpty()
                && !e.measures().isEmpty()), "the fixture should break results down by status with a measure");
        Set<Long> times = new TreeSet<>();
        org.relgraph.table.LongColumn resultTimes = db.table("results").timeColumn().orElseThrow();
        for (int i = 0; i < resultTimes.size(); i++) {
            if (resultTimes.isNull(i)) {
                continue; // the result without a date
            }
            long t = resultTimes.get(i);
            for (long d : new long[] {0, 1, -1, 30 * DAY, 30 * DAY + 1, 90 * DAY, 90 * DAY + 1}) {
                times.add(t + d);
            }
        }
        List<Row> nodes = new ArrayList<>();
        for (String table : List.of("drivers", "races", "circuits")) {
            for (long row = 0; row < db.table(table).rowCount(); row++) {
                for (long t : times) {
                    nodes.add(RowFactory.create(table, row, t));
                }
            }
        }
        SparkChildSummaries summaries = new SparkChildSummaries(new SparkTables(spark, f1,
                SparkTables.readSchema(f1, null)), encoding);
        List<Row> got = summaries.summaries(nodesFrame(nodes)).collectAsList();
        assertEquals(nodes.size(), got.size(), "one summary per distinct node");
        HeteroGraph graph = HeteroGraph.build(db);
        for (Row r : got) {
            assertEquals(inMemory(encoding, graph, db, r), floats(r), r.toString());
        }
    }

    /**
     * The leakage test: driver 1's last result is one second after 2020-02-01; as of 2020-02-01 it is not counted
     * (its count and the in-memory count agree), one second later it is. Breaking the rule (a probe ordered before
     * the children of its own time, or a window a second wide) fails this test or the equality tests above.
     */
    @Test
    void aChildNewerThanAsOfIsNeverCounted() throws IOException {
        Path f1 = SmallF1Graph.write(tmp.resolve("f1-leak"));
        Database db = DataSources.open(f1.toString()).load().database();
        DatabaseEncoding encoding = DatabaseEncoding.fit(db, Long.MAX_VALUE, EncodingConfig.defaults());
        long feb = SparkNeighbourhoodsTest.ms("2020-02-01T00:00:00Z");
        SparkChildSummaries summaries = new SparkChildSummaries(new SparkTables(spark, f1,
                SparkTables.readSchema(f1, null)), encoding);
        Map<Long, float[]> byTime = new HashMap<>();
        for (Row r : summaries.summaries(nodesFrame(List.of(RowFactory.create("drivers", 0L, feb),
                RowFactory.create("drivers", 0L, feb + 999), RowFactory.create("drivers", 0L, feb + 1000))))
                .collectAsList()) {
            byTime.put(r.getLong(2), toArray(floats(r)));
        }
        // driver 1 (row 0) has results on 2019-12-20, 2020-01-20 and 2020-02-01 (at the anchor: counted), then the
        // leak at 00:00:01; the summary's first float is log1p(count), the fourth the latest one's recency
        assertEquals(ChildActivityFeatures.count(3), byTime.get(feb)[0], "a child after as_of was counted");
        assertEquals(ChildActivityFeatures.count(3), byTime.get(feb + 999)[0]);
        assertEquals(ChildActivityFeatures.count(4), byTime.get(feb + 1000)[0]);
        assertEquals(1f, byTime.get(feb)[3], "the latest result is the one at as_of itself");
    }

    /** A model trained without child summaries summarises no table: an empty frame of the seam's columns. */
    @Test
    void anEncodingWithoutChildSummariesGivesNoRows() throws IOException {
        Path f1 = SmallF1Graph.write(tmp.resolve("f1-none"));
        Database db = DataSources.open(f1.toString()).load().database();
        DatabaseEncoding none = new DatabaseEncoding(DatabaseEncoding.fit(db, Long.MAX_VALUE,
                EncodingConfig.defaults()).tables());
        SparkChildSummaries summaries = new SparkChildSummaries(new SparkTables(spark, f1,
                SparkTables.readSchema(f1, null)), none);
        assertTrue(summaries.summarisedTables().isEmpty());
        Dataset<Row> got = summaries.summaries(nodesFrame(List.of(RowFactory.create("drivers", 0L, 0L))));
        assertEquals(List.of("table", "row", "as_of", "summary"), List.of(got.columns()));
        assertEquals(0, got.count());
    }

    @Test
    void aFolderThatIsNotABundleIsRefused() throws IOException {
        Path notBundle = Files.createDirectories(tmp.resolve("not-a-bundle"));
        SparkLabelsTest.Result r = SparkLabelsTest.run("neighbourhoods", "--data", bank.toString(), "--labels",
                bankLabels.toString(), "--model", notBundle.toString(), "--out", tmp.resolve("x1").toString());
        assertEquals(2, r.code(), r.err());
        assertEquals("error: --model " + notBundle + " is not a model bundle (it has no bundle.json)\n"
                + "hint: pass the folder relgraph train --out wrote for a GNN\n", r.err());
        SparkLabelsTest.Result missing = SparkLabelsTest.run("neighbourhoods", "--data", bank.toString(),
                "--labels", bankLabels.toString(), "--model", tmp.resolve("nowhere").toString(), "--out",
                tmp.resolve("x2").toString());
        assertEquals(2, missing.code(), missing.err());
        assertTrue(missing.err().startsWith("error: --model " + tmp.resolve("nowhere") + " is not a folder\n"),
                missing.err());
        // another kind's bundle (its manifest names the kind): no GNN encoding to summarise with
        Path rules = Files.createDirectories(tmp.resolve("rules-model"));
        Files.writeString(rules.resolve("bundle.json"), "{\"formatVersion\": 1, \"kind\": \"rules\", "
                + "\"query\": \"PREDICT COUNT(TRANSACTIONS.*, 0, 30, days) FOR EACH CUSTOMERS.CUSTOMER_ID\"}");
        SparkLabelsTest.Result kind = SparkLabelsTest.run("neighbourhoods", "--data", bank.toString(), "--labels",
                bankLabels.toString(), "--model", rules.toString(), "--out", tmp.resolve("x3").toString());
        assertEquals(2, kind.code(), kind.err());
        assertTrue(kind.err().startsWith("error: --model " + rules + " is a 'rules' model; child summaries come "
                + "from a GNN's fitted encoding\n"), kind.err());
        assertTrue(Files.notExists(tmp.resolve("x1")) && Files.notExists(tmp.resolve("x2"))
                && Files.notExists(tmp.resolve("x3")));
    }

    /** A model trained on the bank, given rel-f1-shaped data, or the bank without a summarised column. */
    @Test
    void aBundleTrainedOnAnotherSchemaIsRefused() throws IOException {
        Path f1 = SmallF1Graph.write(tmp.resolve("f1-other"));
        SparkLabelsTest.Result r = SparkLabelsTest.run("neighbourhoods", "--data", f1.toString(), "--labels",
                SmallF1Graph.labels(tmp.resolve("f1-labels.csv")).toString(), "--model", model.toString(), "--out",
                tmp.resolve("y1").toString());
        assertEquals(2, r.code(), r.err());
        assertEquals(2, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("error: the model summarises rows of table 'customers', which is not in the "
                + "data\nhint: the model was trained on another schema"), r.err());

        Path schema = tmp.resolve("no-amount.yaml");
        Files.writeString(schema, Files.readString(bank.resolve("schema.yaml")).replace("    amount: numerical\n",
                ""));
        SparkLabelsTest.Result column = SparkLabelsTest.run("neighbourhoods", "--data", bank.toString(), "--schema",
                schema.toString(), "--labels", bankLabels.toString(), "--model", model.toString(), "--out",
                tmp.resolve("y2").toString());
        assertEquals(2, column.code(), column.err());
        assertTrue(column.err().startsWith("error: the model summarises column 'amount' of table 'transactions', "
                + "which is not in the data\n"), column.err());
        assertTrue(Files.notExists(tmp.resolve("y1")) && Files.notExists(tmp.resolve("y2")));
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static Path runJob(String name, String cutoff) {
        Path out = tmp.resolve("neigh-" + name);
        List<String> args = new ArrayList<>(List.of("neighbourhoods", "--data", bank.toString(), "--labels",
                bankLabels.toString(), "--model", model.toString(), "--buckets", "2", "--out", out.toString()));
        if (cutoff != null) {
            args.addAll(List.of("--input-cutoff", cutoff));
        }
        SparkLabelsTest.Result r = SparkLabelsTest.run(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains(" child summaries to "), r.out());
        return out;
    }

    /**
     * Asserts that the job's summaries are, per bucket, exactly one row per distinct (table, row, sample_time) of
     * the bucket's nodes whose table has summaries, each equal to {@link ChildActivityFeatures#write}'s floats as
     * of that time; returns how many rows were checked.
     */
    static int sameAsInMemory(Path data, Path out, Path bundle) throws IOException {
        Database db = DataSources.open(data.toString()).load().database();
        DatabaseEncoding encoding = org.relgraph.models.gnn.ModelBundle.load(bundle).encoding();
        Set<String> summarised = new HashSet<>();
        encoding.childActivity().forEach(e -> summarised.add(db.table(e.parentTable()).name()));
        Set<String> want = new HashSet<>();
        for (Row r : spark.read().parquet(out.resolve("subgraphs").toString())
                .select("seed_bucket", "table", "row", "sample_time").distinct().collectAsList()) {
            if (summarised.contains(r.getString(1))) {
                want.add(r.get(0) + " " + r.get(1) + " " + r.get(2) + " " + r.get(3));
            }
        }
        HeteroGraph graph = HeteroGraph.build(db);
        Set<String> got = new HashSet<>();
        List<Row> rows = spark.read().parquet(out.resolve("summaries").toString())
                .select("table", "row", "as_of", "summary", "seed_bucket").collectAsList();
        for (Row r : rows) {
            assertTrue(got.add(r.get(4) + " " + r.get(0) + " " + r.get(1) + " " + r.get(2)), "twice: " + r);
            assertEquals(inMemory(encoding, graph, db, r), floats(r), r.toString());
        }
        assertEquals(want, got, "the summarised nodes of each bucket");
        return rows.size();
    }

    /** What {@code BatchAssembler} writes into the node's input row: the bound features of its table. */
    private static List<Float> inMemory(DatabaseEncoding encoding, HeteroGraph graph, Database db, Row r) {
        ChildActivityFeatures features = encoding.bindChildActivity(r.getString(0), graph, db);
        float[] out = new float[features.width()];
        features.write(Math.toIntExact(r.getLong(1)), r.getLong(2), out, 0);
        List<Float> list = new ArrayList<>();
        for (float f : out) {
            list.add(f);
        }
        return list;
    }

    private static List<Float> floats(Row r) {
        return r.getList(3);
    }

    private static float[] toArray(List<Float> list) {
        float[] out = new float[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i);
        }
        return out;
    }

    private static Dataset<Row> nodesFrame(List<Row> nodes) {
        StructType type = new StructType().add("table", DataTypes.StringType).add("row", DataTypes.LongType)
                .add("as_of", DataTypes.LongType);
        return spark.createDataFrame(nodes, type);
    }
}

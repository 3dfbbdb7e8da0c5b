package org.relgraph.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relgraph.datasets.bank.BankConfig;
import org.relgraph.datasets.bank.BankGenerator;
import org.relgraph.datasets.bank.BankQueries;
import org.relgraph.gnn.model.GnnConfig;
import org.relgraph.gnn.train.LabeledSeeds;
import org.relgraph.graph.EdgeType;
import org.relgraph.graph.HeteroGraph;
import org.relgraph.query.TimestampLiteral;
import org.relgraph.schema.SchemaException;
import org.relgraph.sampling.SampledEdges;
import org.relgraph.sampling.SampledNodes;
import org.relgraph.sampling.SampledSubgraph;
import org.relgraph.sampling.SamplerConfig;
import org.relgraph.sampling.TemporalNeighborSampler;
import org.relgraph.source.DataSources;
import org.relgraph.table.Column;
import org.relgraph.table.Database;

/**
 * The Spark neighbourhoods job's subgraphs equal the in-memory {@link TemporalNeighborSampler}'s (MOST_RECENT, the
 * same fanouts) for every seed: per seed, the multiset of sampled nodes (hop, table, row, the relation walked, the
 * parent's table and row) is the same, on a generated bank (seeds from the single-machine labels file) and on a
 * rel-f1-shaped database with every case of the time rule ({@link SmallF1Graph}); and no row newer than its seed's
 * time is ever sampled.
 */
class SparkNeighbourhoodsTest {
    private static final String MORTGAGE = BankQueries.MORTGAGE;

    @TempDir
    static Path tmp;
    static SparkSession spark;
    static Path bank;
    static Path bankLabels;
    static Path f1;
    static Path f1Labels;

    @BeforeAll
    static void start() throws IOException {
        spark = LocalSpark.session();
        bank = tmp.resolve("bank");
        new BankGenerator(BankConfig.of(200, 11)).generate(bank);
        bankLabels = tmp.resolve("mortgage.csv");
        SparkLabelsTest.singleMachine(bank, MORTGAGE, bankLabels, "--train-anchors", "3");
        f1 = SmallF1Graph.write(tmp.resolve("f1"));
        f1Labels = SmallF1Graph.labels(tmp.resolve("f1-labels.csv"));
    }

    @Test
    void bankSubgraphsEqualTheInMemorySamplersForEverySeed() throws IOException {
        Map<String, Map<String, Long>> spark = sameAsInMemory(bank, bankLabels, "bank-10-5", 10, 5);
        assertTrue(spark.size() > 500, "seeds: " + spark.size());
        // the catalogue (a static parent) is reached at hop 2 through the holdings
        assertTrue(spark.values().stream().anyMatch(s -> s.keySet().stream()
                .anyMatch(n -> n.startsWith("2 product_catalog "))), "no product_catalog node at hop 2");
    }

    @Test
    void threeHopsReachTheCatalogueHubsHoldingsAsOfEachSeed() throws IOException {
        // hop 3: a product (static) samples the latest holdings of *any* customer visible at the seed's time
        Map<String, Map<String, Long>> spark = sameAsInMemory(bank, bankLabels, "bank-4-3-2", 4, 3, 2);
        assertTrue(spark.values().stream().anyMatch(s -> s.keySet().stream()
                .anyMatch(n -> n.startsWith("3 product_holdings ") && n.contains(" rev_product_id "))));
    }

    @Test
    void relF1ShapedSubgraphsEqualTheInMemorySamplersForEverySeed() throws IOException {
        Map<String, Map<String, Long>> four = sameAsInMemory(f1, f1Labels, "f1-2-2-2-2", 2, 2, 2, 2);
        assertEquals(SmallF1Graph.DRIVERS * SmallF1Graph.ANCHORS.length, four.size());
        // ties in time go to the later file row: of driver 3's three results on 2020-01-02 (file rows 9, 10 and 23,
        // resultIds 10, 11 and 0) fanout 2 takes rows 23 and 10 at the anchor 2020-02-01
        Map<String, Long> driver3 = four.get("2@" + ms("2020-02-01T00:00:00Z"));
        assertTrue(driver3.containsKey("1 results 23 rev_driverId drivers 2"), driver3.toString());
        assertTrue(driver3.containsKey("1 results 10 rev_driverId drivers 2"), driver3.toString());
        assertFalse(driver3.containsKey("1 results 9 rev_driverId drivers 2"), driver3.toString());
        // a static child table: driver 1's two last aliases by file row (rows 3 and 5), whatever the anchor
        Map<String, Long> driver1 = four.get("0@" + ms("2019-12-03T00:00:00Z"));
        assertTrue(driver1.containsKey("1 driver_aliases 5 rev_driverId drivers 0")
                && driver1.containsKey("1 driver_aliases 3 rev_driverId drivers 0"), driver1.toString());
        // driver 1's result of 2020-03-01 is visible at 2020-03-02, its race (2020-03-05) is not
        Map<String, Long> march = four.get("0@" + ms("2020-03-02T00:00:00Z"));
        assertTrue(march.containsKey("1 results 1 rev_driverId drivers 0"), march.toString());
        assertTrue(march.keySet().stream().noneMatch(n -> n.startsWith("2 races 8 ")), march.toString());
    }

    /**
     * rel-f1's raw layout: results take their time from their race ({@code time_from: raceId}). The job reads the
     * inherited time as the loader does, so each seed's results, and their races, are the in-memory sampler's; a
     * table read as timeless here would let every result through.
     */
    @Test
    void timeFromTablesAreSampledByTheirParentsTimeAsInMemory() throws IOException {
        Path races = SmallF1.writeWithRaces(tmp.resolve("f1-races"));
        Path seeds = tmp.resolve("f1-races-labels.csv");
        SparkLabelsTest.singleMachine(races, SmallF1.DNF, seeds, SmallF1.SPLIT);
        Map<String, Map<String, Long>> got = sameAsInMemory(races, seeds, "races-3-3", 3, 3);
        assertTrue(got.values().stream().anyMatch(s -> s.keySet().stream()
                .anyMatch(n -> n.startsWith("2 races "))), "no race reached through a result");
        // A parent too large to broadcast is joined by a shuffle, which scatters the child's rows by key: the rows
        // must still be named by their file positions (a shuffle join forced here, on a small table).
        String[] off = {"spark.sql.autoBroadcastJoinThreshold", "spark.sql.adaptive.autoBroadcastJoinThreshold"};
        for (String k : off) {
            spark.conf().set(k, "-1");
        }
        try {
            sameAsInMemory(SmallF1.writeWithRaces(tmp.resolve("f1-races-shuffled")), seeds, "races-shuffled-3-3", 3,
                    3);
        } finally {
            for (String k : off) {
                spark.conf().unset(k);
            }
        }
    }

    /**
     * The leakage test: driver 1's result one second after the anchor 2020-02-01 is its latest row, so any sampler
     * that let a row newer than the seed time through would take it (and its race) first; it is in no subgraph of
     * that anchor or before, at any hop, and in the subgraphs of the next anchor. Nothing in any subgraph is newer
     * than its seed.
     */
    @Test
    void aRowNewerThanTheSeedTimeIsNeverSampled() throws IOException {
        Path out = runJob(f1, f1Labels, "leak", 3, 3, 3);
        List<Row> rows = spark.read().parquet(out.resolve("subgraphs").toString()).collectAsList();
        long feb = ms("2020-02-01T00:00:00Z");
        long leaks = 0;
        long later = 0;
        for (Row r : rows) {
            boolean leakRow = r.<String>getAs("table").equals("results") && r.<Long>getAs("row") == SmallF1Graph.LEAK_ROW;
            long seedTime = r.<Long>getAs("seed_time");
            if (leakRow && seedTime <= feb) {
                leaks++;
            }
            if (leakRow && seedTime > feb) {
                later++;
            }
            assertTrue(r.isNullAt(r.fieldIndex("time")) || r.<Long>getAs("time") <= seedTime, r.toString());
        }
        assertEquals(0, leaks, "the result of 2020-02-01 00:00:01 was sampled at or before 2020-02-01");
        assertTrue(later > 0, "the leak row should be sampled once the seed time passes it");
    }

    /**
     * With an input cutoff between the anchors, each seed's subgraph is the in-memory sampler's as of min(anchor,
     * cutoff) (anchors before and after it); seed_time stays the anchor and sample_time is the clamped time.
     */
    @Test
    void withAnInputCutoffSubgraphsEqualTheInMemorySamplersAsOfTheClampedTime() throws IOException {
        String cutoff = "2020-01-15";
        long cut = ms("2020-01-15T00:00:00Z");
        Map<String, Map<String, Long>> got = sameAsInMemory(f1, f1Labels, "f1-cutoff", cutoff, 2, 2, 2);
        assertEquals(SmallF1Graph.DRIVERS * SmallF1Graph.ANCHORS.length, got.size());
        // driver 1 at the anchors 2020-02-01 and 2020-03-02 (after the cutoff) sees the same rows: those up to it
        assertEquals(got.get("0@" + ms("2020-02-01T00:00:00Z")), got.get("0@" + ms("2020-03-02T00:00:00Z")));
        // the anchor is the seed's identity; the time it was sampled as of is its own column
        for (Row r : spark.read().parquet(tmp.resolve("neigh-f1-cutoff/subgraphs").toString())
                .select("seed_time", "sample_time").distinct().collectAsList()) {
            assertEquals(Math.min(r.getLong(0), cut), r.getLong(1), r.toString());
        }
        assertTrue(Files.readString(tmp.resolve("neigh-f1-cutoff/neighbourhoods.json"))
                .contains("\"input_cutoff\": \"2020-01-15T00:00:00Z\""));
    }

    /** On the bank, where customers join over time: one created after the cutoff is seen as of its own creation. */
    @Test
    void bankWithAnInputCutoffEqualsTheInMemorySampler() throws IOException {
        List<String> anchors = Files.readAllLines(bankLabels).stream().skip(1).map(l -> l.split(",")[1]).distinct()
                .sorted().toList();
        assertTrue(anchors.size() >= 2, anchors.toString());
        // between the first and the last anchor: seeds on both sides of it
        long mid = (ms(anchors.get(0)) + ms(anchors.get(anchors.size() - 1))) / 2;
        sameAsInMemory(bank, bankLabels, "bank-cutoff", Instant.ofEpochMilli(mid).toString(), 3, 2);
    }

    /**
     * The leakage test with a cutoff: the result of 2020-02-01 00:00:01 lies after the cutoff 2020-02-01 but before
     * the anchor 2020-03-02, so an anchor-time sampler would take it (it is driver 1's latest row); with the cutoff
     * it is in no subgraph, and no row of any subgraph is newer than the cutoff.
     */
    @Test
    void aRowAfterTheInputCutoffIsNeverSampledEvenForALaterAnchor() {
        long cut = ms("2020-02-01T00:00:00Z");
        Path out = runJob(f1, f1Labels, "leak-cutoff", "2020-02-01", 3, 3, 3);
        List<Row> rows = spark.read().parquet(out.resolve("subgraphs").toString()).collectAsList();
        long laterAnchors = 0;
        for (Row r : rows) {
            assertFalse(r.<String>getAs("table").equals("results") && r.<Long>getAs("row") == SmallF1Graph.LEAK_ROW,
                    "the result after the cutoff was sampled: " + r);
            assertTrue(r.isNullAt(r.fieldIndex("time")) || r.<Long>getAs("time") <= cut, r.toString());
            laterAnchors += r.<Long>getAs("seed_time") > cut ? 1 : 0;
        }
        assertTrue(laterAnchors > 0, "no seed anchored after the cutoff");
    }

    @Test
    void theOutputFolderHoldsBucketsAndAMetadataFileAndIsMarkedAsRelgraphs() throws IOException {
        Path out = tmp.resolve("layout");
        SparkLabelsTest.Result r = SparkLabelsTest.run("neighbourhoods", "--data", f1.toString(), "--labels",
                f1Labels.toString(), "--fanouts", "2", "--buckets", "3", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Seeds: 32 (drivers x anchor), MOST_RECENT fanouts [2], 3 buckets"), r.out());
        for (String hop : List.of("hop=0", "hop=1")) {
            for (String bucket : List.of("seed_bucket=0", "seed_bucket=1", "seed_bucket=2")) {
                assertTrue(Files.isDirectory(out.resolve("subgraphs").resolve(hop).resolve(bucket)), hop + bucket);
            }
        }
        assertFalse(Files.exists(out.resolve("subgraphs/hop=2")));
        assertTrue(Files.readString(out.resolve("neighbourhoods.json")).contains("\"fanouts\": [2]"));
        assertTrue(Files.exists(out.resolve(".relgraph-output")));
        // a second run may replace what the first wrote
        assertEquals(0, SparkLabelsTest.run("neighbourhoods", "--data", f1.toString(), "--labels",
                f1Labels.toString(), "--fanouts", "1", "--out", out.toString()).code());
        assertTrue(Files.readString(out.resolve("neighbourhoods.json")).contains("\"fanouts\": [1]"));
    }

    // --- the frontier restriction (FrontierRows): either path gives the sampler's nodes ---

    /**
     * Forced on, every hop ranks only the children of its frontier's parents and looks up only its frontier's
     * children: still the sampler's nodes for every seed, on both databases, over two and three hops (the third
     * from the static catalogue, whose holdings are any customer's); forced off, the whole tables' edges.
     */
    @Test
    void restrictedToTheFrontierOrNotSubgraphsEqualTheInMemorySamplers() throws IOException {
        withRestriction("always", () -> {
            sameAsInMemory(bank, bankLabels, "bank-restricted-10-5", 10, 5);
            sameAsInMemory(bank, bankLabels, "bank-restricted-4-3-2", 4, 3, 2);
            sameAsInMemory(f1, f1Labels, "f1-restricted-2-2-2-2", 2, 2, 2, 2);
        });
        withRestriction("never", () -> sameAsInMemory(bank, bankLabels, "bank-whole-10-5", 10, 5));
    }

    /**
     * A tenth of the customers as seeds, the scale run's shape: the rule restricts (few parents of the table), so
     * every seed's children and every later hop's rows arrive through the restriction, and each seed's nodes are the
     * sampler's all the same, including the seeds with the most children.
     */
    @Test
    void aFewSeedsSampledThroughTheRestrictionEqualTheInMemorySampler() throws IOException {
        List<String> lines = Files.readAllLines(bankLabels);
        List<String> few = new ArrayList<>(List.of(lines.get(0)));
        for (String line : lines.subList(1, lines.size())) {
            if (Long.parseLong(line.split(",")[0]) % 10 == 3) {
                few.add(line);
            }
        }
        Path fewLabels = tmp.resolve("mortgage-tenth.csv");
        Files.write(fewLabels, few);
        Dataset<Row> seedKeys = spark.read().option("header", "true").csv(fewLabels.toString())
                .select(org.apache.spark.sql.functions.col("customer_id").cast("long").as("r"));
        assertTrue(FrontierRows.of(spark, seedKeys, "r", () -> 200) != null, "the rule did not restrict");
        Map<String, Map<String, Long>> got = sameAsInMemory(bank, fewLabels, "bank-tenth-10-5", 10, 5);
        assertTrue(got.size() > 20 && got.size() < (lines.size() - 1) / 5, "seeds: " + got.size());
    }

    /** The rule: a frontier of at most half its table's rows (and {@link FrontierRows#MAX_ROWS}) restricts. */
    @Test
    void theRestrictionIsTakenForAFrontierOfAtMostHalfItsTable() {
        Dataset<Row> ten = spark.range(10).toDF("r");
        assertTrue(FrontierRows.of(spark, ten, "r", () -> 20) != null);
        assertTrue(FrontierRows.of(spark, ten, "r", () -> 19) == null);
        assertTrue(FrontierRows.of(spark, ten.union(ten), "r", () -> 20) != null, "distinct rows are counted");
        withRestriction("never", () -> assertTrue(FrontierRows.of(spark, ten, "r", () -> 1000) == null));
        withRestriction("always", () -> assertTrue(FrontierRows.of(spark, ten, "r", () -> 10) != null));
        withRestriction("sometimes", () -> {
            SchemaException e = org.junit.jupiter.api.Assertions.assertThrows(SchemaException.class,
                    () -> FrontierRows.of(spark, ten, "r", () -> 10));
            assertEquals("Spark conf spark.relgraph.frontier.restrict is 'sometimes'", e.getMessage());
        });
    }

    interface SparkWork {
        void run() throws IOException;
    }

    /** Runs {@code work} with Spark conf {@value FrontierRows#MODE} set to {@code mode}, then unset. */
    static void withRestriction(String mode, SparkWork work) {
        LocalSpark.session().conf().set(FrontierRows.MODE, mode);
        try {
            work.run();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            LocalSpark.session().conf().unset(FrontierRows.MODE);
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /**
     * Runs the Spark job and the in-memory sampler on the labels file's seeds and asserts the per-seed multisets of
     * nodes are equal; returns Spark's, keyed by "seedRow@seedTime", each node as "hop table row edge parentTable
     * parentRow" (the seed: "0 table row").
     */
    static Map<String, Map<String, Long>> sameAsInMemory(Path data, Path labels, String name, int... fanouts)
            throws IOException {
        return sameAsInMemory(data, labels, name, null, fanouts);
    }

    /**
     * As {@link #sameAsInMemory(Path, Path, String, int...)} with {@code --input-cutoff cutoff} (null: none): the
     * in-memory side samples each seed as of {@code LabeledSeeds.inputTime}, and the seeds stay keyed by anchor.
     */
    static Map<String, Map<String, Long>> sameAsInMemory(Path data, Path labels, String name, String cutoff,
            int... fanouts) throws IOException {
        Path out = runJob(data, labels, name, cutoff, fanouts);
        Map<String, Map<String, Long>> got = new TreeMap<>();
        for (Row r : spark.read().parquet(out.resolve("subgraphs").toString()).collectAsList()) {
            String node = r.<Integer>getAs("hop") + " " + r.<String>getAs("table") + " " + r.<Long>getAs("row")
                    + (r.<Integer>getAs("hop") == 0 ? "" : " " + r.<String>getAs("edge") + " "
                    + r.<String>getAs("parent_table") + " " + r.<Long>getAs("parent_row"));
            got.computeIfAbsent(r.<Long>getAs("seed_row") + "@" + r.<Long>getAs("seed_time"), k -> new TreeMap<>())
                    .merge(node, r.<Long>getAs("copies"), Long::sum);
        }
        Map<String, Map<String, Long>> want = inMemory(data, labels, cutoff, fanouts);
        assertEquals(want.keySet(), got.keySet(), "seeds");
        for (String seed : want.keySet()) {
            assertEquals(want.get(seed), got.get(seed), "seed " + seed + " with fanouts "
                    + java.util.Arrays.toString(fanouts));
        }
        return got;
    }

    static Path runJob(Path data, Path labels, String name, int... fanouts) {
        return runJob(data, labels, name, null, fanouts);
    }

    static Path runJob(Path data, Path labels, String name, String cutoff, int... fanouts) {
        Path out = tmp.resolve("neigh-" + name);
        StringBuilder f = new StringBuilder();
        for (int k : fanouts) {
            f.append(f.length() == 0 ? "" : ",").append(k);
        }
        List<String> args = new ArrayList<>(List.of("neighbourhoods", "--data", data.toString(), "--labels",
                labels.toString(), "--fanouts", f.toString(), "--out", out.toString()));
        if (cutoff != null) {
            args.addAll(List.of("--input-cutoff", cutoff));
        }
        SparkLabelsTest.Result r = SparkLabelsTest.run(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        return out;
    }

    /** What the single-machine path samples for the labels file's seeds (its keys looked up in the loaded table). */
    static Map<String, Map<String, Long>> inMemory(Path data, Path labels, String cutoff, int... fanouts)
            throws IOException {
        Database db = DataSources.open(data.toString()).load().database();
        List<String> lines = Files.readAllLines(labels);
        String keyName = lines.get(0).split(",")[0];
        String entity = db.schema().tables().stream().filter(t -> keyName.equalsIgnoreCase(t.primaryKey()))
                .findFirst().orElseThrow().name();
        Column pk = db.table(entity).requireColumn(keyName);
        Map<String, Integer> rowOfKey = new HashMap<>();
        for (int r = 0; r < pk.size(); r++) {
            rowOfKey.put(pk.format(r), r);
        }
        List<int[]> seen = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        java.util.Set<String> distinct = new java.util.HashSet<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            int row = rowOfKey.get(cells[0]);
            long time = ms(cells[1]);
            if (distinct.add(row + "@" + time)) {
                seen.add(new int[] {row});
                times.add(time);
            }
        }
        int[] rows = seen.stream().mapToInt(a -> a[0]).toArray();
        long[] seedTimes = times.stream().mapToLong(Long::longValue).toArray();
        HeteroGraph graph = HeteroGraph.build(db);
        // the GNN's own rule for the time a seed is sampled as of (anchor capped by the cutoff, not before its row)
        GnnConfig config = GnnConfig.defaults().withInputCutoffMs(cutoff == null ? null
                : TimestampLiteral.parseOption("--input-cutoff", cutoff).getAsLong());
        long[] entityTimes = graph.nodeTimes(entity);
        long[] sampleTimes = new long[rows.length];
        for (int i = 0; i < rows.length; i++) {
            sampleTimes[i] = LabeledSeeds.inputTime(seedTimes[i], rows[i], config, entityTimes);
        }
        SampledSubgraph sub = new TemporalNeighborSampler(graph,
                new SamplerConfig(fanouts, SamplerConfig.Strategy.MOST_RECENT, 7)).sample(entity, rows, sampleTimes);
        Map<String, Map<String, Long>> out = new TreeMap<>();
        SampledNodes seeds = sub.nodes(entity);
        for (int k = 0; k < seeds.size(); k++) {
            if (seeds.hop()[k] == 0) {
                add(out, rows, seedTimes, seeds.seedIndex()[k], "0 " + entity + " " + seeds.globalIds()[k]);
            }
        }
        for (EdgeType message : sub.edgeTypes()) {
            SampledEdges e = sub.edges(message);
            SampledNodes child = sub.nodes(message.srcTable());
            SampledNodes parent = sub.nodes(message.dstTable());
            String walked = graph.reverse(message).relation();
            for (int i = 0; i < e.size(); i++) {
                int c = e.srcLocal()[i];
                int p = e.dstLocal()[i];
                add(out, rows, seedTimes, child.seedIndex()[c], child.hop()[c] + " " + message.srcTable() + " "
                        + child.globalIds()[c] + " " + walked + " " + message.dstTable() + " " + parent.globalIds()[p]);
            }
        }
        return out;
    }

    private static void add(Map<String, Map<String, Long>> out, int[] rows, long[] times, int seed, String node) {
        out.computeIfAbsent(rows[seed] + "@" + times[seed], k -> new TreeMap<>()).merge(node, 1L, Long::sum);
    }

    static long ms(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }
}

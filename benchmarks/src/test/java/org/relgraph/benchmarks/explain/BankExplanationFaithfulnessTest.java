package org.relgraph.benchmarks.explain;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relgraph.datasets.bank.BankConfig;
import org.relgraph.datasets.bank.BankGenerator;
import org.relgraph.datasets.bank.BankQueries;
import org.relgraph.gnn.encode.DatabaseEncoding;
import org.relgraph.gnn.encode.EncodingConfig;
import org.relgraph.gnn.explain.Explanation;
import org.relgraph.gnn.explain.IntegratedGradients;
import org.relgraph.gnn.explain.NodeAttribution;
import org.relgraph.gnn.explain.RowDeletion;
import org.relgraph.gnn.model.BatchAssembler;
import org.relgraph.gnn.model.GnnConfig;
import org.relgraph.gnn.model.HeteroGnn;
import org.relgraph.gnn.model.PredictionHead;
import org.relgraph.gnn.model.SampledBatch;
import org.relgraph.gnn.train.LabeledSeeds;
import org.relgraph.gnn.train.Trainer;
import org.relgraph.gnn.train.TrainingListener;
import org.relgraph.graph.HeteroGraph;
import org.relgraph.models.explain.Reason;
import org.relgraph.models.explain.ReasonGrouper;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.SplitPlan;
import org.relgraph.query.SplitPlanner;
import org.relgraph.query.TaskType;
import org.relgraph.query.TrainingSplits;
import org.relgraph.query.TrainingTableBuilder;
import org.relgraph.source.DataSources;
import org.relgraph.table.CategoricalColumn;
import org.relgraph.table.Database;
import org.relgraph.table.LongColumn;
import org.relgraph.table.Table;

/**
 * Faithfulness of explanations on the synthetic bank, whose planted signal (b) is "at least 2 real-estate
 * transactions in the last 60 days" (datasets/README.md): a mortgage GNN trained as the demo trains it should be
 * explained by those transactions for the customers where the signal fired; a model with random weights should
 * be explained differently; and deleting the rows credited most should lower the score more than deleting random
 * rows.
 */
class BankExplanationFaithfulnessTest {
    private static final String MORTGAGE = BankQueries.MORTGAGE;
    private static final long DAY = 86_400_000L;
    // 4,000 customers: 49 fired (47 with real estate in the top 3). With 3,000 the smaller training set gave a
    // weaker model and only 23 of 30, too close to the threshold for a test. Explaining at most 30 keeps the run
    // to a few minutes of CPU.
    private static final int CUSTOMERS = 4000;
    private static final int MAX_EXPLAINED = 30;

    @TempDir
    static Path tmp;
    private static Database db;
    private static HeteroGraph graph;
    private static DatabaseEncoding encoding;
    private static GnnConfig config;
    private static HeteroGnn trained;
    private static BatchAssembler assembler;
    private static String customers;
    private static long asOf;
    private static int[] fired;
    /** The trained model's explanation of each fired customer, computed once for all tests. */
    private static final Map<Integer, Explanation> explained = new java.util.HashMap<>();

    @BeforeAll
    static void trainOnTheBank() throws Exception {
        Path data = tmp.resolve("bank");
        new BankGenerator(BankConfig.of(CUSTOMERS, 42)).generate(data, (done, total) -> { });
        db = DataSources.open(data.toString()).load().database();
        PredictiveQuery q = PredictiveQuery.parse(MORTGAGE, db.schema());
        SplitPlan plan = new SplitPlanner(db, q.window()).trainAnchorCount(4).plan();
        TrainingSplits splits = new TrainingTableBuilder(db, q).build(plan);
        config = GnnConfig.defaults().withEpochs(3).withSeed(42); // as the demo trains it
        graph = HeteroGraph.build(db);
        customers = graph.nodeTypes().stream().filter(t -> t.equalsIgnoreCase("customers")).findFirst()
                .orElseThrow();
        long latestInput = splits.train().anchors().stream().mapToLong(Long::longValue).max().orElseThrow();
        encoding = DatabaseEncoding.fit(db, latestInput, EncodingConfig.defaults());
        long[] times = graph.nodeTimes(customers);
        LabeledSeeds train = LabeledSeeds.from(splits.train(), config, times);
        LabeledSeeds val = LabeledSeeds.from(splits.val(), config, times);
        trained = model(config);
        assembler = BatchAssembler.create(graph, db, encoding, customers, config.samplerConfig());
        try (Trainer trainer = new Trainer(trained, PredictionHead.fit(TaskType.BINARY, train.labels()),
                BatchAssembler.create(graph, db, encoding, customers, config.samplerConfig()), config, false)) {
            trainer.fit(train, val, new TrainingListener() { });
        }
        asOf = splits.test().anchors().get(0);
        fired = signalFired(new TrainingTableBuilder(db, q).population(asOf));
    }

    private static HeteroGnn model(GnnConfig c) {
        return new HeteroGnn(c, graph.nodeTypes(), BatchAssembler.edgeKeys(graph), encoding, customers, 1);
    }

    /** Eligible customers with at least 2 real-estate transactions in the 60 days up to {@code asOf}. */
    private static int[] signalFired(int[] population) {
        Table tx = db.table(graph.nodeTypes().stream().filter(t -> t.equalsIgnoreCase("transactions")).findFirst()
                .orElseThrow());
        LongColumn owner = (LongColumn) tx.requireColumn("customer_id");
        LongColumn time = tx.timeColumn().orElseThrow();
        CategoricalColumn category = (CategoricalColumn) tx.requireColumn("merchant_category");
        Map<Long, Integer> ids = new java.util.HashMap<>();
        LongColumn keys = (LongColumn) db.table(customers).requireColumn("customer_id");
        for (int r = 0; r < keys.size(); r++) {
            ids.put(keys.get(r), r);
        }
        int[] count = new int[keys.size()];
        for (int i = 0; i < tx.rowCount(); i++) {
            long age = asOf - time.get(i);
            if (age >= 0 && age <= 60 * DAY && "real estate".equals(category.get(i))) {
                count[ids.get(owner.get(i))]++;
            }
        }
        return Arrays.stream(population).filter(r -> count[r] >= 2).limit(MAX_EXPLAINED).toArray();
    }

    private static SampledBatch seed(int row) {
        return assembler.assembleWithRows(new int[] {row}, new long[] {asOf});
    }

    private static Explanation explainTrained(int row) {
        return explained.computeIfAbsent(row, r -> new IntegratedGradients(trained).explain(seed(r)));
    }

    private static List<Reason> reasons(Explanation e) {
        return new ReasonGrouper(db, assembler.graph(), encoding, customers).reasons(e, asOf);
    }

    private static boolean isRealEstate(Reason r) {
        return !r.ownRow() && r.table().equalsIgnoreCase("transactions")
                && r.description().startsWith("merchant_category = 'real estate'");
    }

    private static int rank(List<Reason> reasons) {
        for (int i = 0; i < reasons.size(); i++) {
            if (isRealEstate(reasons.get(i))) {
                return i + 1;
            }
        }
        return Integer.MAX_VALUE;
    }

    @Test
    void realEstateTransactionsAreATopThreeReasonWhereTheSignalFired() {
        assertTrue(fired.length >= 15, "customers with the signal: " + fired.length);
        int top3 = 0;
        int raising = 0;
        for (int row : fired) {
            List<Reason> reasons = reasons(explainTrained(row));
            top3 += rank(reasons) <= 3 ? 1 : 0;
            raising += reasons.stream().filter(BankExplanationFaithfulnessTest::isRealEstate)
                    .anyMatch(Reason::raises) ? 1 : 0;
        }
        System.out.printf("signal (b) fired for %d customers: the real-estate group is a top-3 reason for %d "
                + "(%.0f %%), raises the score for %d%n", fired.length, top3, 100.0 * top3 / fired.length, raising);
        assertTrue(top3 >= 0.7 * fired.length, top3 + " of " + fired.length);
    }

    @Test
    void aModelWithRandomWeightsIsExplainedDifferently() {
        HeteroGnn random = model(config.withSeed(4242));
        int sameTop3 = 0;
        int randomTop3 = 0;
        for (int row : fired) {
            List<String> learned = reasons(explainTrained(row)).stream().limit(3).map(Reason::subject).toList();
            List<Reason> r = reasons(new IntegratedGradients(random).explain(seed(row)));
            sameTop3 += learned.equals(r.stream().limit(3).map(Reason::subject).toList()) ? 1 : 0;
            randomTop3 += rank(r) <= 3 ? 1 : 0;
        }
        System.out.printf("random weights: same top-3 reasons for %d of %d, real estate in the top 3 for %d%n",
                sameTop3, fired.length, randomTop3);
        assertTrue(sameTop3 <= 0.2 * fired.length, sameTop3 + " of " + fired.length + " unchanged");
    }

    @Test
    void deletingTheTopAttributedRowsLowersTheScoreMoreThanDeletingRandomRows() {
        SplittableRandom rnd = new SplittableRandom(11);
        int k = 3;
        double topDrop = 0;
        double randomDrop = 0;
        trained.eval();
        for (int row : fired) {
            SampledBatch seed = seed(row);
            Explanation e = explainTrained(row);
            List<NodeAttribution> related = e.nodes().stream()
                    .filter(n -> !(n.type().equals(customers) && n.localIndex() == 0)).toList();
            List<NodeAttribution> byCredit = new ArrayList<>(related);
            byCredit.sort((a, b) -> Double.compare(b.total(), a.total()));
            double full = trained.forward(seed.batch()).getDouble(0, 0);
            topDrop += full - trained.forward(RowDeletion.without(seed.batch(), nodes(byCredit.subList(0, k))))
                    .getDouble(0, 0);
            Set<NodeAttribution> random = new HashSet<>();
            while (random.size() < k) {
                random.add(related.get(rnd.nextInt(related.size())));
            }
            randomDrop += full - trained.forward(RowDeletion.without(seed.batch(), nodes(random))).getDouble(0, 0);
        }
        System.out.printf("deleting the %d rows credited most lowers the logit by %.3f on average, %d random "
                + "rows by %.3f%n", k, topDrop / fired.length, k, randomDrop / fired.length);
        assertTrue(topDrop > randomDrop + 0.1 * fired.length, topDrop + " vs " + randomDrop);
    }

    private static Map<String, Set<Integer>> nodes(java.util.Collection<NodeAttribution> rows) {
        Map<String, Set<Integer>> out = new java.util.HashMap<>();
        for (NodeAttribution n : rows) {
            out.computeIfAbsent(n.type(), t -> new HashSet<>()).add(n.localIndex());
        }
        return out;
    }
}

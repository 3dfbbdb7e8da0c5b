package org.relgraph.gnn.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.relgraph.gnn.encode.DatabaseEncoding;
import org.relgraph.gnn.encode.EncodingConfig;
import org.relgraph.gnn.model.BatchAssembler;
import org.relgraph.gnn.model.GnnConfig;
import org.relgraph.gnn.model.HeteroGnn;
import org.relgraph.gnn.model.PredictionHead;
import org.relgraph.gnn.model.SampledBatch;
import org.relgraph.gnn.nn.Parameter;
import org.relgraph.gnn.testdata.ShopData;
import org.relgraph.gnn.train.LabeledSeeds;
import org.relgraph.gnn.train.Trainer;
import org.relgraph.gnn.train.TrainingListener;
import org.relgraph.graph.HeteroGraph;
import org.relgraph.query.TaskType;
import org.relgraph.query.TrainingSplits;
import org.relgraph.sampling.SamplerConfig;
import org.relgraph.table.Database;

class IntegratedGradientsTest {
    // Pinned rather than taken from the defaults, so tuning the product's defaults does not move this fixture; no
    // dropout, so neither does a change in how training draws its dropout masks.
    private static final GnnConfig SMALL = GnnConfig.defaults().withHidden(16).withFanouts(8, 4).withBatchSize(128)
            .withEpochs(3).withPatience(3).withLearningRate(1e-2).withDropout(0)
            .withAggregation(org.relgraph.gnn.nn.Aggregation.MEAN).withSampling(SamplerConfig.Strategy.UNIFORM);

    private static Database db;
    private static HeteroGraph graph;
    private static DatabaseEncoding encoding;
    private static LabeledSeeds val;
    private static HeteroGnn trained;

    @BeforeAll
    static void trainSmallModel() {
        db = ShopData.database(120, 7);
        graph = HeteroGraph.build(db);
        TrainingSplits splits = ShopData.splits(db);
        long cutoff = splits.train().anchors().get(splits.train().anchors().size() - 1);
        // The step-count properties below were measured on this model without child summaries; the bank tests in
        // benchmarks check explanations of models with them.
        encoding = DatabaseEncoding.fit(db, cutoff, EncodingConfig.defaults().withChildActivity(false));
        long[] customerTimes = graph.nodeTimes("customers");
        LabeledSeeds train = LabeledSeeds.from(splits.train(), SMALL, customerTimes);
        val = LabeledSeeds.from(splits.val(), SMALL, customerTimes);
        PredictionHead head = PredictionHead.fit(TaskType.BINARY, train.labels());
        trained = model(SMALL);
        try (Trainer trainer = new Trainer(trained, head, assembler(SMALL.samplerConfig()), SMALL, false)) {
            trainer.fit(train, val, new TrainingListener() { });
        }
    }

    private static HeteroGnn model(GnnConfig config) {
        return new HeteroGnn(config, graph.nodeTypes(), BatchAssembler.edgeKeys(graph), encoding, "customers", 1);
    }

    private static BatchAssembler assembler(SamplerConfig sampler) {
        return BatchAssembler.create(graph, db, encoding, "customers", sampler);
    }

    private static SampledBatch seedSubgraph(int i, SamplerConfig sampler) {
        return assembler(sampler).assembleWithRows(new int[] {val.rows()[i]}, new long[] {val.times()[i]});
    }

    private static double[] flatten(Explanation e) {
        return e.nodes().stream().flatMapToDouble(n -> java.util.stream.DoubleStream.concat(
                Arrays.stream(n.features()), Arrays.stream(n.categorical()))).toArray();
    }

    /** Completeness delta relative to |f(input) − f(baseline)|. */
    private static double relativeDelta(Explanation e) {
        return e.completenessDelta() / Math.abs(e.inputOutput() - e.baselineOutput());
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
    }

    @Test
    void fiftyStepsMeetOnePercentCompletenessAndMoreStepsLowerTheError() {
        // 20 validation seeds of a trained model. The issue asks for <= 1 % at 50 steps; IntegratedGradientsProbe
        // measured 29 of 30 seeds on a similar model (a seed whose path crosses several switches in one interval
        // can miss), so the test demands 18 of 20 rather than all.
        IntegratedGradients ig = new IntegratedGradients(trained);
        int seeds = 20;
        double[][] byDefault = new double[3][seeds];
        double[] uniform50 = new double[seeds];
        int[] steps = {20, 50, 100};
        for (int i = 0; i < seeds; i++) {
            SampledBatch seed = seedSubgraph(i, SMALL.samplerConfig());
            for (int s = 0; s < steps.length; s++) {
                Explanation e = ig.explain(seed, steps[s], 0);
                assertEquals(steps[s], e.steps(), "the budget is the number of intervals");
                byDefault[s][i] = relativeDelta(e);
            }
            Explanation plain = ig.explainUniform(seed, 50, 0);
            uniform50[i] = relativeDelta(plain);
            assertEquals(plain.inputOutput(), ig.explain(seed).inputOutput(), 1e-6, "f(input) depends on no grid");
            assertTrue(Math.abs(plain.inputOutput() - plain.baselineOutput()) > 1e-2,
                    "seed " + i + ": input and baseline outputs barely differ");
        }
        long within = Arrays.stream(byDefault[1]).filter(d -> d <= 0.01).count();
        assertTrue(within >= 18, within + " of " + seeds + " seeds within 1 % at 50 steps: "
                + Arrays.toString(byDefault[1]));
        assertTrue(median(byDefault[0]) > median(byDefault[1]) && median(byDefault[1]) > median(byDefault[2]),
                "median delta at 20/50/100 steps: " + median(byDefault[0]) + " / " + median(byDefault[1]) + " / "
                        + median(byDefault[2]));
        assertTrue(median(byDefault[1]) < median(uniform50),
                "the default beats the uniform trapezoid at equal cost: " + median(byDefault[1]) + " vs "
                        + median(uniform50));
    }

    @Test
    void theInputOutputIsTheModelsOwnPredictionForTheSeed() {
        SampledBatch seed = seedSubgraph(3, SMALL.samplerConfig());
        trained.eval();
        double predicted = trained.forward(seed.batch()).getDouble(0, 0);
        trained.train(true);
        Explanation e = new IntegratedGradients(trained).explain(seed);
        assertEquals(predicted, e.inputOutput(), 1e-5);
        assertTrue(trained.isTraining(), "the model's mode is restored");
        for (Parameter p : trained.parameters()) {
            assertEquals(0.0, p.grad().sumNumber().doubleValue(), 0.0, p.name() + " keeps a gradient");
        }
    }

    @Test
    void nodesBeyondTheModelsReachGetExactlyZero() {
        // One message-passing layer over a two-hop sample: the customers reached at hop 2 (local rows 1..) and the
        // hop-1 transactions' own neighbours cannot influence the seed.
        GnnConfig oneLayer = SMALL.withLayers(1);
        HeteroGnn model = model(oneLayer);
        SampledBatch seed = seedSubgraph(0, new SamplerConfig(new int[] {8, 4}, SamplerConfig.Strategy.UNIFORM, 1));
        int customers = seed.batch().nodes().get("customers").size();
        assertTrue(customers > 1, "the sample reaches customers again at hop 2");
        Explanation e = new IntegratedGradients(model).explain(seed);
        for (int i = 1; i < customers; i++) {
            NodeAttribution far = e.node("customers", i);
            assertArrayEquals(new double[far.features().length], far.features(), 0.0, "customer node " + i);
            assertArrayEquals(new double[far.categorical().length], far.categorical(), 0.0, "customer node " + i);
        }
        assertTrue(Arrays.stream(e.node("customers", 0).features()).anyMatch(a -> a != 0), "the seed's own inputs");
        assertTrue(e.nodes().stream().filter(n -> n.type().equals("transactions")).anyMatch(n -> n.total() != 0),
                "the hop-1 transactions");
    }

    @Test
    void theSameSeedGivesIdenticalAttributions() {
        Explanation a = new IntegratedGradients(trained).explain(seedSubgraph(4, SMALL.samplerConfig()));
        Explanation b = new IntegratedGradients(trained).explain(seedSubgraph(4, SMALL.samplerConfig()));
        assertArrayEquals(flatten(a), flatten(b), 0.0);
        assertEquals(a.inputOutput(), b.inputOutput(), 0.0);
        assertEquals(a.baselineOutput(), b.baselineOutput(), 0.0);
    }

    @Test
    void attributionsDependOnTheLearnedWeights() {
        // Adebayo et al.'s model-randomisation check: an attribution method that ignores the weights would
        // explain a freshly initialised model the same way.
        SampledBatch seed = seedSubgraph(5, SMALL.samplerConfig());
        double[] learned = flatten(new IntegratedGradients(trained).explain(seed));
        double[] random = flatten(new IntegratedGradients(model(SMALL.withSeed(1234))).explain(seed));
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < learned.length; i++) {
            diff += (learned[i] - random[i]) * (learned[i] - random[i]);
            norm += learned[i] * learned[i];
        }
        assertTrue(Math.sqrt(diff) > 0.5 * Math.sqrt(norm), "relative change " + Math.sqrt(diff / norm));
    }

    private static double output(org.relgraph.gnn.model.GraphBatch batch) {
        trained.eval();
        return trained.forward(batch).getDouble(0, 0);
    }

    @Test
    void deletingTheTopAttributedRowsLowersTheScoreMoreThanDeletingRandomRows() {
        // Deletion check: if attributions are faithful, removing the rows credited with raising the output should
        // lower it more than removing as many rows chosen at random.
        IntegratedGradients ig = new IntegratedGradients(trained);
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(7);
        int k = 3;
        double topDrop = 0;
        double randomDrop = 0;
        int seeds = 0;
        for (int i = 0; i < 20; i++) {
            SampledBatch seed = seedSubgraph(i, SMALL.samplerConfig());
            Explanation e = ig.explain(seed);
            java.util.List<NodeAttribution> tx = e.nodes().stream().filter(n -> n.type().equals("transactions"))
                    .toList();
            if (tx.size() < 2 * k) {
                continue;
            }
            double full = output(seed.batch());
            assertEquals(full, output(RowDeletion.without(seed.batch(), java.util.Map.of())), 1e-6,
                    "deleting nothing changes nothing");
            java.util.Set<Integer> top = new java.util.HashSet<>();
            tx.stream().sorted((a, b) -> Double.compare(b.total(), a.total())).limit(k)
                    .forEach(n -> top.add(n.localIndex()));
            java.util.Set<Integer> random = new java.util.HashSet<>();
            while (random.size() < k) {
                random.add(tx.get(rnd.nextInt(tx.size())).localIndex());
            }
            topDrop += full - output(RowDeletion.without(seed.batch(), java.util.Map.of("transactions", top)));
            randomDrop += full - output(RowDeletion.without(seed.batch(), java.util.Map.of("transactions", random)));
            seeds++;
        }
        trained.train(true);
        assertTrue(seeds >= 10, "seeds with enough transactions: " + seeds);
        System.out.printf("mean output drop deleting the top %d attributed transactions %.3f, %d random ones %.3f "
                + "(%d seeds)%n", k, topDrop / seeds, k, randomDrop / seeds, seeds);
        assertTrue(topDrop / seeds > randomDrop / seeds + 0.05, "top " + topDrop / seeds + " vs random "
                + randomDrop / seeds);
    }

    @Test
    void theZeroBaselineIsTheModelAtAllZeroInputsAndStillComplete() {
        SampledBatch seed = seedSubgraph(2, SMALL.samplerConfig());
        Explanation zero = new IntegratedGradients(trained, IntegratedGradients.Baseline.ZERO).explain(seed);
        java.util.Map<String, org.relgraph.gnn.model.EmbeddedInputs> zeros = new java.util.LinkedHashMap<>();
        seed.batch().nodes().forEach((type, in) -> zeros.put(type, new org.relgraph.gnn.model.EmbeddedInputs(
                org.nd4j.linalg.factory.Nd4j.zeros(in.features().dataType(), in.size(), in.features().size(1)),
                org.nd4j.linalg.factory.Nd4j.zeros(in.features().dataType(), in.size(),
                        trained.inputEncoder(type).hidden()))));
        trained.eval();
        double atZero = trained.forward(1, zeros, seed.batch().edges()).getDouble(0, 0);
        trained.train(true);
        assertEquals(atZero, zero.baselineOutput(), 1e-5);
        Explanation neutral = new IntegratedGradients(trained).explain(seed);
        assertEquals(neutral.inputOutput(), zero.inputOutput(), 1e-6);
        assertTrue(Math.abs(neutral.baselineOutput() - zero.baselineOutput()) > 1e-3, "different baselines");
        assertTrue(relativeDelta(zero) <= 0.02, "delta " + relativeDelta(zero));
    }

    @Test
    void edgeAttributionsAddUpToTheOutputWithoutEdgesAndPickRowsThatMatter() {
        IntegratedGradients ig = new IntegratedGradients(trained);
        double topDrop = 0;
        double lastDrop = 0;
        int seeds = 0;
        for (int i = 0; i < 10; i++) {
            SampledBatch seed = seedSubgraph(i, SMALL.samplerConfig());
            EdgeExplanation e = ig.explainEdges(seed, 50, 0);
            double full = output(seed.batch());
            assertEquals(full, e.inputOutput(), 1e-5, "all edges: the model's prediction");
            double alone = output(new org.relgraph.gnn.model.GraphBatch(seed.batch().seedType(), 1,
                    seed.batch().nodes(), java.util.Map.of()));
            assertEquals(alone, e.baselineOutput(), 1e-5, "no edges: the seed's row alone");
            double change = Math.abs(e.inputOutput() - e.baselineOutput());
            assertTrue(e.completenessDelta() <= 0.02 * change + 1e-6, "seed " + i + ": delta "
                    + e.completenessDelta() + " of " + change);
            // The transaction whose edges are credited most vs the one credited least (most negative).
            int n = seed.batch().nodes().get("transactions").size();
            double[] credit = e.outgoing("transactions", n);
            int top = 0;
            int last = 0;
            for (int t = 1; t < n; t++) {
                top = credit[t] > credit[top] ? t : top;
                last = credit[t] < credit[last] ? t : last;
            }
            topDrop += full - output(RowDeletion.without(seed.batch(), java.util.Map.of("transactions", java.util.Set.of(top))));
            lastDrop += full - output(RowDeletion.without(seed.batch(), java.util.Map.of("transactions", java.util.Set.of(last))));
            seeds++;
        }
        trained.train(true);
        assertTrue(topDrop / seeds > lastDrop / seeds, "deleting the most-credited row drops " + topDrop / seeds
                + ", the least-credited " + lastDrop / seeds);
    }

    @Test
    void eachNodeIsNamedByItsTableRow() {
        SampledBatch seed = seedSubgraph(6, SMALL.samplerConfig());
        Explanation e = new IntegratedGradients(trained).explain(seed);
        assertEquals(val.rows()[6], e.node("customers", 0).globalRow());
        int transactions = seed.batch().nodes().get("transactions").size();
        assertEquals(seed.batch().nodes().values().stream().mapToInt(n -> n.size()).sum(), e.nodes().size());
        assertEquals(seed.globalRows().get("transactions")[transactions - 1],
                e.node("transactions", transactions - 1).globalRow());
    }

    @Test
    void aBatchOfSeveralSeedsIsRefused() {
        SampledBatch two = assembler(SMALL.samplerConfig()).assembleWithRows(new int[] {0, 1},
                new long[] {val.times()[0], val.times()[0]});
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new IntegratedGradients(trained).explain(two));
        assertTrue(e.getMessage().contains("one seed"), e.getMessage());
    }
}

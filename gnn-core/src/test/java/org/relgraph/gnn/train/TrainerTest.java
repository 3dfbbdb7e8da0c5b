package org.relgraph.gnn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.relgraph.gnn.encode.DatabaseEncoding;
import org.relgraph.gnn.encode.EncodingConfig;
import org.relgraph.gnn.model.BatchAssembler;
import org.relgraph.gnn.model.GnnConfig;
import org.relgraph.gnn.model.HeteroGnn;
import org.relgraph.gnn.model.PredictionHead;
import org.relgraph.gnn.testdata.ShopData;
import org.relgraph.graph.HeteroGraph;
import org.relgraph.query.TrainingSplits;
import org.relgraph.table.Database;

class TrainerTest {
    private static final GnnConfig SMALL = GnnConfig.defaults().withHidden(16).withFanouts(8, 4).withBatchSize(128)
            .withEpochs(6).withPatience(2).withLearningRate(1e-2);

    private static Database db;
    private static HeteroGraph graph;
    private static DatabaseEncoding encoding;
    private static DatabaseEncoding withChildSummaries;
    private static LabeledSeeds train;
    private static LabeledSeeds val;

    @BeforeAll
    static void data() {
        db = ShopData.database(200, 7);
        graph = HeteroGraph.build(db);
        TrainingSplits splits = ShopData.splits(db);
        long cutoff = splits.train().anchors().get(splits.train().anchors().size() - 1);
        // Without child summaries: they would hand an entity-only model the transactions' signal (see
        // childSummariesGiveAnEntityOnlyModelTheSignalOfItsTransactions), and these tests are about message passing.
        encoding = DatabaseEncoding.fit(db, cutoff, EncodingConfig.defaults().withChildActivity(false));
        withChildSummaries = DatabaseEncoding.fit(db, cutoff, EncodingConfig.defaults());
        long[] customerTimes = graph.nodeTimes("customers");
        train = LabeledSeeds.from(splits.train(), SMALL, customerTimes);
        val = LabeledSeeds.from(splits.val(), SMALL, customerTimes);
    }

    /**
     * @param valScores     the trained model's scores on val, from a fresh pass
     * @param bestValOutput what {@link Trainer#bestValidationOutputs} gave, asked before that pass
     * @param valPasses     the passes over val the listener heard of, fit and bestValidationOutputs together
     */
    private record Run(TrainingResult result, double[][] valScores, List<TrainingProgress> epochs,
                       double[][] bestValOutput, int valPasses) {}

    private static Run run(GnnConfig config, boolean prefetch) {
        return run(config, prefetch, null, state -> { }, Integer.MAX_VALUE, new HeteroGnn[1]);
    }

    private static Run run(GnnConfig config, boolean prefetch, TrainingState resumeFrom,
                           java.util.function.Consumer<TrainingState> afterEpoch, int crashAfter,
                           HeteroGnn[] modelOut) {
        return run(config, encoding, prefetch, resumeFrom, afterEpoch, crashAfter, modelOut);
    }

    /**
     * A training run in a fresh model and trainer, as a new process would build them.
     *
     * @param crashAfter throw once this epoch has ended, as a killed process would stop
     * @param modelOut   receives the trained model
     */
    private static Run run(GnnConfig config, DatabaseEncoding encoding, boolean prefetch, TrainingState resumeFrom,
                           java.util.function.Consumer<TrainingState> afterEpoch, int crashAfter,
                           HeteroGnn[] modelOut) {
        PredictionHead head = PredictionHead.fit(org.relgraph.query.TaskType.BINARY, train.labels());
        HeteroGnn model = new HeteroGnn(config, graph.nodeTypes(), BatchAssembler.edgeKeys(graph), encoding,
                "customers", head.outputs());
        modelOut[0] = model;
        BatchAssembler assembler = BatchAssembler.create(graph, db, encoding, "customers", config.samplerConfig());
        List<TrainingProgress> epochs = new ArrayList<>();
        int[] valPasses = {0};
        try (Trainer trainer = new Trainer(model, head, assembler, config, prefetch)) {
            TrainingListener listener = new TrainingListener() {
                @Override
                public void onEpochEnd(TrainingProgress p) {
                    epochs.add(p);
                    if (p.epoch() == crashAfter) {
                        throw new IllegalStateException("simulated crash after epoch " + crashAfter);
                    }
                }

                @Override
                public void onScoring(String split, int done, int total) {
                    assertEquals("val", split);
                    assertEquals(val.size(), total);
                    valPasses[0] += done == total ? 1 : 0;
                }
            };
            TrainingResult result = trainer.fit(train, val, listener, resumeFrom, afterEpoch);
            double[][] bestValOutput = trainer.bestValidationOutputs(val, listener);
            return new Run(result, trainer.predict(val.rows(), val.times()), epochs, bestValOutput, valPasses[0]);
        }
    }

    /** A fresh model trained with {@link Trainer#fitEpochs}; the epochs the listener heard of go to {@code heard}. */
    private static HeteroGnn fitEpochs(LabeledSeeds examples, double[] weights, int epochs, List<Integer> heard) {
        PredictionHead head = PredictionHead.fit(org.relgraph.query.TaskType.BINARY, train.labels());
        HeteroGnn model = new HeteroGnn(SMALL, graph.nodeTypes(), BatchAssembler.edgeKeys(graph), encoding,
                "customers", head.outputs());
        BatchAssembler assembler = BatchAssembler.create(graph, db, encoding, "customers", SMALL.samplerConfig());
        try (Trainer trainer = new Trainer(model, head, assembler, SMALL, false)) {
            trainer.fitEpochs(examples, weights, epochs, new TrainingListener() {
                @Override
                public void onEpochEnd(TrainingProgress p) {
                    heard.add(p.epoch());
                }

                @Override
                public void onScoring(String split, int done, int total) {
                    throw new AssertionError("fitEpochs scored " + split);
                }
            });
        }
        return model;
    }

    @Test
    void fitEpochsTrainsExactlyThatManyEpochsWithoutValidation() {
        // SMALL's patience is 2: a loop that early-stopped or looked at validation could not run 5 epochs here.
        List<Integer> heard = new ArrayList<>();
        HeteroGnn plain = fitEpochs(train, null, 5, heard);
        assertEquals(List.of(1, 2, 3, 4, 5), heard);
        double[] ones = new double[train.size()];
        Arrays.fill(ones, 1.0);
        assertSameWeights(plain, fitEpochs(train, ones, 5, new ArrayList<>()));
    }

    @Test
    void fitEpochsOnTheSameExamplesForTheBestEpochCountReproducesTheEarlyStoppedModel() {
        // What a refit does, on train alone: it must give back the model early stopping chose, bit for bit, so a
        // refit on train + val differs from it only by the examples it adds.
        GnnConfig config = SMALL.withEpochs(4).withPatience(4).withDropout(0.3);
        HeteroGnn[] selected = new HeteroGnn[1];
        Run selection = run(config, false, null, state -> { }, Integer.MAX_VALUE, selected);
        int best = selection.result().bestEpoch();
        PredictionHead head = PredictionHead.fit(org.relgraph.query.TaskType.BINARY, train.labels());
        HeteroGnn model = new HeteroGnn(config, graph.nodeTypes(), BatchAssembler.edgeKeys(graph), encoding,
                "customers", head.outputs());
        BatchAssembler assembler = BatchAssembler.create(graph, db, encoding, "customers", config.samplerConfig());
        try (Trainer trainer = new Trainer(model, head, assembler, config, false)) {
            trainer.fitEpochs(train, null, best, TrainingListener.NONE);
        }
        assertSameWeights(selected[0], model);
    }

    @Test
    void exampleWeightsScaleEachExamplesLoss() {
        double[] ones = new double[train.size()];
        Arrays.fill(ones, 1.0);
        double[] uneven = ones.clone();
        for (int i = 0; i < uneven.length; i += 2) {
            uneven[i] = 0.25;
        }
        HeteroGnn even = fitEpochs(train, ones, 1, new ArrayList<>());
        HeteroGnn weighted = fitEpochs(train, uneven, 1, new ArrayList<>());
        assertThrows(AssertionError.class, () -> assertSameWeights(even, weighted));
        assertThrows(IllegalArgumentException.class,
                () -> fitEpochs(train, new double[train.size() - 1], 1, new ArrayList<>()));
    }

    /**
     * The loss of one epoch of one batch (every train example), i.e. of the starting weights, as the loss history
     * records it; the epoch line's (the listener's) must be the same number.
     */
    private static double firstEpochLoss(double[] weights) {
        GnnConfig oneBatch = SMALL.withBatchSize(train.size());
        PredictionHead head = PredictionHead.fit(org.relgraph.query.TaskType.BINARY, train.labels());
        HeteroGnn model = new HeteroGnn(oneBatch, graph.nodeTypes(), BatchAssembler.edgeKeys(graph), encoding,
                "customers", head.outputs());
        BatchAssembler assembler = BatchAssembler.create(graph, db, encoding, "customers", oneBatch.samplerConfig());
        List<Double> heard = new ArrayList<>();
        try (Trainer trainer = new Trainer(model, head, assembler, oneBatch, false)) {
            TrainingResult result = trainer.fitEpochs(train, weights, 1, new TrainingListener() {
                @Override
                public void onEpochEnd(TrainingProgress p) {
                    heard.add(p.loss());
                }
            });
            assertEquals(result.lossHistory(), heard);
            return result.lossHistory().get(0);
        }
    }

    /**
     * Recency-weighted training reports the loss it optimises: at the same starting weights, the loss is linear in
     * the example weights, so the losses of two weightings that split the examples add up to the unweighted one,
     * and differ from each other. A trainer that reported the plain mean loss whatever the weights would give the
     * unweighted loss for each half (twice the total); one that scaled it by the mean weight, half of it for each.
     */
    @Test
    void theEpochLossIsTheWeightedLossTrainingOptimises() {
        double[] even = new double[train.size()];
        double[] odd = new double[train.size()];
        for (int i = 0; i < even.length; i++) {
            (i % 2 == 0 ? even : odd)[i] = 1;
        }
        double all = firstEpochLoss(null);
        double evens = firstEpochLoss(even);
        double odds = firstEpochLoss(odd);
        assertEquals(all, evens + odds, 1e-5 * all);
        assertTrue(Math.abs(evens - odds) > 1e-3 * all, evens + " vs " + odds);
        double[] doubled = new double[train.size()];
        Arrays.fill(doubled, 2.0);
        assertEquals(2 * all, firstEpochLoss(doubled), 1e-5 * all);
    }

    @Test
    void recencyWeightsHalveEveryHalfLifeAndAverageOne() {
        long day = 86_400_000L;
        double[] w = ExampleWeights.recency(new long[] {0, 100 * day, 200 * day, 200 * day}, 100);
        assertEquals(0.25 * w[2], w[0], 1e-12);
        assertEquals(0.5 * w[2], w[1], 1e-12);
        assertEquals(w[2], w[3], 0);
        assertEquals(1.0, Arrays.stream(w).average().orElseThrow(), 1e-12);
    }

    private static void assertSameWeights(HeteroGnn expected, HeteroGnn actual) {
        Map<String, INDArray> a = WeightCheckpoint.capture(expected).values();
        Map<String, INDArray> b = WeightCheckpoint.capture(actual).values();
        assertEquals(a.keySet(), b.keySet());
        for (String name : a.keySet()) {
            assertArrayEquals(a.get(name).data().asFloat(), b.get(name).data().asFloat(), 0f, name);
        }
    }

    @Test
    void aRunResumedFromItsCheckpointEqualsAnUninterruptedOneBitForBit(@TempDir Path dir) {
        // Dropout on, so the per-epoch reseeding of its masks is exercised, not just sampling and shuffling.
        GnnConfig config = SMALL.withEpochs(4).withPatience(4).withDropout(0.3);
        HeteroGnn[] whole = new HeteroGnn[1];
        Run uninterrupted = run(config, true, null, state -> { }, Integer.MAX_VALUE, whole);

        TrainingCheckpoint checkpoint = new TrainingCheckpoint(dir, Map.of("run", "trainer test"));
        IllegalStateException crash = assertThrows(IllegalStateException.class,
                () -> run(config, true, null, checkpoint::save, 2, new HeteroGnn[1]));
        assertTrue(crash.getMessage().contains("simulated crash"), crash.getMessage());
        TrainingState saved = checkpoint.load().orElseThrow();
        assertEquals(2, saved.epoch());
        assertEquals(2 * ((train.size() + 127) / 128), saved.optimiser().step(), "Adam steps of two epochs");

        HeteroGnn[] resumedModel = new HeteroGnn[1];
        Run resumed = run(config, true, saved, checkpoint::save, Integer.MAX_VALUE, resumedModel);
        assertEquals(uninterrupted.result(), resumed.result(), "histories, best epoch and metric");
        assertEquals(List.of(3, 4), resumed.epochs().stream().map(TrainingProgress::epoch).toList(),
                "only the epochs left are trained");
        assertSameWeights(whole[0], resumedModel[0]);
        assertArrayEquals(uninterrupted.valScores(), resumed.valScores());
        // The best epoch's weights were restored, so the comparison above also covers the early-stopping state.
        assertEquals(4, checkpoint.load().orElseThrow().epoch());
    }

    @Test
    void resumingWithoutTheOptimiserStateWouldNotRepeatTheRun(@TempDir Path dir) {
        // Guards the test above against passing vacuously: the restored Adam moments matter.
        GnnConfig config = SMALL.withEpochs(3).withPatience(3);
        HeteroGnn[] whole = new HeteroGnn[1];
        run(config, false, null, state -> { }, Integer.MAX_VALUE, whole);
        TrainingState[] afterOne = new TrainingState[1];
        assertThrows(IllegalStateException.class,
                () -> run(config, false, null, s -> afterOne[0] = s, 1, new HeteroGnn[1]));
        TrainingState s = afterOne[0];
        HeteroGnn[] freshAdam = new HeteroGnn[1];
        TrainingState withoutMoments = new TrainingState(s.epoch(), s.weights(),
                new org.relgraph.gnn.optim.Adam.State(0, zeros(s.optimiser().firstMoment()),
                        zeros(s.optimiser().secondMoment())), s.bestWeights(), s.bestMetric(), s.bestEpoch(),
                s.sinceBest(), s.valHistory(), s.lossHistory());
        run(config, false, withoutMoments, state -> { }, Integer.MAX_VALUE, freshAdam);
        Map<String, INDArray> a = WeightCheckpoint.capture(whole[0]).values();
        Map<String, INDArray> b = WeightCheckpoint.capture(freshAdam[0]).values();
        assertTrue(a.keySet().stream().anyMatch(k -> !Arrays.equals(a.get(k).data().asFloat(),
                b.get(k).data().asFloat())), "a fresh optimiser must change the weights");
    }

    private static Map<String, INDArray> zeros(Map<String, INDArray> like) {
        Map<String, INDArray> z = new java.util.LinkedHashMap<>();
        like.forEach((k, v) -> z.put(k, v.ulike().assign(0)));
        return z;
    }

    @Test
    void aRunThatHadStoppedEarlyTrainsNoFurtherWhenResumed() {
        GnnConfig config = SMALL.withEpochs(3).withPatience(3);
        TrainingState[] last = new TrainingState[1];
        Run full = run(config, false, null, s -> last[0] = s, Integer.MAX_VALUE, new HeteroGnn[1]);
        Run resumed = run(config, false, last[0], s -> { }, Integer.MAX_VALUE, new HeteroGnn[1]);
        assertTrue(resumed.epochs().isEmpty(), "nothing left to train");
        assertEquals(full.result(), resumed.result());
        assertArrayEquals(full.valScores(), resumed.valScores());
        assertEquals(1, resumed.valPasses(), "the best epoch's pass ran before the resume: val is scored once now");
        assertTrue(Arrays.deepEquals(full.bestValOutput(), resumed.bestValOutput()));
    }

    @Test
    void fitScoresValidationOncePerEpochAndKeepsTheBestEpochsOutputs() {
        // A learning rate this high makes validation bounce, so a later epoch is worse than the best one and the
        // best epoch's weights are restored.
        GnnConfig config = SMALL.withLearningRate(0.2).withEpochs(8).withPatience(2);
        Run run = run(config, true);
        TrainingResult r = run.result();
        assertTrue(r.bestEpoch() < r.epochsRun(), "best " + r.bestEpoch() + " of " + r.valHistory());
        assertEquals(r.epochsRun(), run.valPasses(), "one validation pass per epoch, none after fit");
        assertTrue(Arrays.deepEquals(run.valScores(), run.bestValOutput()),
                "the kept outputs are, bit for bit, what the restored weights score");
    }

    @Test
    void predictReportsRisingCountsEndingAtTheTotal() {
        HeteroGnn[] model = new HeteroGnn[1];
        run(SMALL.withEpochs(1), false, null, s -> { }, Integer.MAX_VALUE, model);
        PredictionHead head = PredictionHead.fit(org.relgraph.query.TaskType.BINARY, train.labels());
        List<Integer> counts = new ArrayList<>();
        GnnConfig smallBatches = SMALL.withBatchSize(32);
        try (Trainer trainer = new Trainer(model[0], head, BatchAssembler.create(graph, db, encoding, "customers",
                SMALL.samplerConfig()), smallBatches, true)) {
            double[][] scores = trainer.predict(val.rows(), val.times(), counts::add);
            assertTrue(Arrays.deepEquals(trainer.predict(val.rows(), val.times()), scores));
        }
        List<Integer> expected = new ArrayList<>(List.of(0));
        for (int done = 32; done < val.size(); done += 32) {
            expected.add(done);
        }
        expected.add(val.size());
        assertTrue(expected.size() > 1, "several batches");
        assertEquals(expected, counts);
    }

    @Test
    void scoresDoNotDependOnTheBatchSize() {
        HeteroGnn[] model = new HeteroGnn[1];
        run(SMALL.withEpochs(1), false, null, s -> { }, Integer.MAX_VALUE, model);
        PredictionHead head = PredictionHead.fit(org.relgraph.query.TaskType.BINARY, train.labels());
        double[][][] scores = new double[2][][];
        int[] batchSizes = {8, 512};
        for (int k = 0; k < 2; k++) {
            // Uniform sampling: the draws, not only the most recent rows, must not depend on the batch.
            GnnConfig uniform = SMALL.withSampling(org.relgraph.sampling.SamplerConfig.Strategy.UNIFORM);
            try (Trainer trainer = new Trainer(model[0], head, BatchAssembler.create(graph, db, encoding, "customers",
                    uniform.samplerConfig()), uniform.withBatchSize(batchSizes[k]), false)) {
                scores[k] = trainer.predict(val.rows(), val.times());
            }
        }
        for (int i = 0; i < scores[0].length; i++) {
            assertEquals(scores[0][i][0], scores[1][i][0], 1e-6, "seed " + i); // neighbours are drawn per seed
        }
    }

    @Test
    void messagePassingFindsTheSignalInTransactionsThatEntityColumnsLack() {
        Run gnn = run(SMALL, true);
        Run entityOnly = run(SMALL.withLayers(0), true);
        assertTrue(gnn.result().bestValMetric() > 0.8, "GNN val AUROC " + gnn.result().valHistory());
        // Entity-only lands near chance (~0.6 on 200 validation customers, picked as the best of 6 epochs).
        assertTrue(gnn.result().bestValMetric() - entityOnly.result().bestValMetric() > 0.15,
                "GNN " + gnn.result().valHistory() + " vs entity-only " + entityOnly.result().valHistory());
    }

    @Test
    void childSummariesGiveAnEntityOnlyModelTheSignalOfItsTransactions() {
        // Counts of each customer's past 'A' purchases are on the customer's own row now: no message passing needed.
        Run plain = run(SMALL.withLayers(0), true);
        Run summarised = run(SMALL.withLayers(0), withChildSummaries, true, null, state -> { }, Integer.MAX_VALUE,
                new HeteroGnn[1]);
        assertTrue(summarised.result().bestValMetric() > 0.8, "val AUROC " + summarised.result().valHistory());
        assertTrue(summarised.result().bestValMetric() - plain.result().bestValMetric() > 0.15,
                "with summaries " + summarised.result().valHistory() + " vs without " + plain.result().valHistory());
    }

    @Test
    void sameSeedGivesIdenticalTrainingAndScores() {
        GnnConfig config = SMALL.withEpochs(2);
        Run a = run(config, false);
        Run b = run(config, false);
        assertEquals(a.result().valHistory(), b.result().valHistory());
        assertEquals(a.result().lossHistory(), b.result().lossHistory());
        assertArrayEquals(a.valScores(), b.valScores());
        Run otherSeed = run(config.withSeed(43), false);
        assertTrue(!a.result().lossHistory().equals(otherSeed.result().lossHistory()),
                "a different seed must change training");
    }

    @Test
    void prefetchingTrainerEqualsSequentialRun() {
        GnnConfig config = SMALL.withEpochs(2);
        Run sequential = run(config, false);
        Run prefetched = run(config, true);
        assertEquals(sequential.result().lossHistory(), prefetched.result().lossHistory());
        assertArrayEquals(sequential.valScores(), prefetched.valScores());
    }

    @Test
    void earlyStoppingKeepsTheBestEpochsWeights() {
        // A learning rate this high makes validation bounce, so some later epoch is worse than the best one.
        GnnConfig config = SMALL.withLearningRate(0.2).withEpochs(8).withPatience(2);
        Run run = run(config, true);
        TrainingResult r = run.result();
        int patienceStop = r.bestEpoch() + config.patience();
        assertTrue(r.epochsRun() == config.epochs() || r.epochsRun() == patienceStop,
                "stopped after " + r.epochsRun() + " epochs, best " + r.bestEpoch());
        assertEquals(r.valHistory().stream().mapToDouble(Double::doubleValue).max().orElseThrow(),
                r.bestValMetric());
        double[] labels = val.labels();
        assertEquals(r.bestValMetric(), ValidationMetric.AUROC.compute(run.valScores(), labels,
                PredictionHead.fit(org.relgraph.query.TaskType.BINARY, train.labels())), 1e-12,
                "scores after fit must come from the restored best weights");
        assertEquals(r.epochsRun(), run.epochs().size());
    }

    @Test
    void replaysTheEpochOrderAndBatchCutsFitTrainsOn() {
        int[] first = Trainer.epochOrder(SMALL, 1000, 1);
        assertArrayEquals(first, Trainer.epochOrder(SMALL, 1000, 1), "an epoch's order depends on (seed, epoch) only");
        assertArrayEquals(Trainer.inOrder(1000), Arrays.stream(first).sorted().toArray(), "a permutation of the seeds");
        assertTrue(!Arrays.equals(first, Trainer.epochOrder(SMALL, 1000, 2)), "each epoch reshuffles");
        assertTrue(!Arrays.equals(first, Trainer.epochOrder(SMALL.withSeed(SMALL.seed() + 1), 1000, 1)),
                "another seed, another order");

        int[] rows = {10, 11, 12, 13, 14};
        long[] times = {100, 101, 102, 103, 104};
        java.util.Iterator<BatchPipeline.Seeds> cut = Trainer.batchSeeds(rows, times, new int[] {4, 0, 3, 1, 2}, 2);
        BatchPipeline.Seeds a = cut.next();
        assertArrayEquals(new int[] {14, 10}, a.rows());
        assertArrayEquals(new long[] {104, 100}, a.times());
        assertArrayEquals(new int[] {13, 11}, cut.next().rows());
        assertArrayEquals(new int[] {12}, cut.next().rows(), "the last batch holds what is left");
        assertTrue(!cut.hasNext());
    }

    @Test
    void aListenerAskingToStopEndsTrainingAfterThatEpochWithTheBestWeightsSoFar() {
        GnnConfig config = SMALL.withEpochs(4).withPatience(4);
        Run full = run(config, false);
        List<TrainingProgress> seen = new ArrayList<>();
        PredictionHead head = PredictionHead.fit(org.relgraph.query.TaskType.BINARY, train.labels());
        HeteroGnn model = new HeteroGnn(config, graph.nodeTypes(), BatchAssembler.edgeKeys(graph), encoding,
                "customers", head.outputs());
        BatchAssembler assembler = BatchAssembler.create(graph, db, encoding, "customers", config.samplerConfig());
        try (Trainer trainer = new Trainer(model, head, assembler, config, false)) {
            TrainingResult stopped = trainer.fit(train, val, new TrainingListener() {
                @Override
                public void onEpochEnd(TrainingProgress p) {
                    seen.add(p);
                }

                @Override
                public boolean stopRequested() {
                    return seen.size() == 2;
                }
            }, null, state -> { });
            assertEquals(2, stopped.epochsRun(), "stopped after the epoch the listener asked");
            // Every epoch's randomness comes from (seed, epoch): the stopped run is the full run's first two epochs.
            assertEquals(full.result().valHistory().subList(0, 2), stopped.valHistory());
            double best = Math.max(stopped.valHistory().get(0), stopped.valHistory().get(1));
            assertEquals(best, stopped.bestValMetric());
            assertEquals(best, ValidationMetric.AUROC.compute(trainer.predict(val.rows(), val.times()), val.labels(),
                    head), 1e-12, "the best epoch's weights are restored");
        }
    }
}

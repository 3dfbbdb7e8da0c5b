package org.relgraph.gnn.explain;

import java.util.Arrays;
import org.relgraph.gnn.encode.DatabaseEncoding;
import org.relgraph.gnn.encode.EncodingConfig;
import org.relgraph.gnn.model.BatchAssembler;
import org.relgraph.gnn.model.GnnConfig;
import org.relgraph.gnn.model.HeteroGnn;
import org.relgraph.gnn.model.PredictionHead;
import org.relgraph.gnn.model.SampledBatch;
import org.relgraph.gnn.testdata.ShopData;
import org.relgraph.gnn.train.LabeledSeeds;
import org.relgraph.gnn.train.Trainer;
import org.relgraph.gnn.train.TrainingListener;
import org.relgraph.graph.HeteroGraph;
import org.relgraph.query.TaskType;
import org.relgraph.query.TrainingSplits;
import org.relgraph.source.DataSources;
import org.relgraph.table.Database;

/**
 * Measures integrated-gradients explanations. A measurement tool, not a test: timings belong in no assertion.
 * Without arguments: trains a small model on the ShopData fixture and prints, per seed, the completeness delta of
 * uniform trapezoid grids of 20, 50 and 100 intervals and of the default estimate at the same budgets (starting from
 * a quarter, half or three quarters of it as a uniform grid), with wall times. With a data directory (e.g.
 * {@code /tmp/bank10k}): the wall time of explaining customers with the default model size, weights untrained
 * (the cost does not depend on the weights' values). Run with the test classpath:
 * {@code java -cp <test classpath> org.relgraph.gnn.explain.IntegratedGradientsProbe [dataDir]}.
 */
public final class IntegratedGradientsProbe {
    private IntegratedGradientsProbe() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            shopData();
        } else {
            timing(args[0]);
        }
    }

    private static void shopData() {
        GnnConfig config = GnnConfig.defaults().withHidden(16).withFanouts(8, 4).withBatchSize(128).withEpochs(3)
                .withLearningRate(1e-2);
        Database db = ShopData.database(120, 7);
        HeteroGraph graph = HeteroGraph.build(db);
        TrainingSplits splits = ShopData.splits(db);
        DatabaseEncoding encoding = DatabaseEncoding.fit(db,
                splits.train().anchors().get(splits.train().anchors().size() - 1), EncodingConfig.defaults());
        LabeledSeeds train = LabeledSeeds.from(splits.train(), config, graph.nodeTimes("customers"));
        LabeledSeeds val = LabeledSeeds.from(splits.val(), config, graph.nodeTimes("customers"));
        HeteroGnn model = new HeteroGnn(config, graph.nodeTypes(), BatchAssembler.edgeKeys(graph), encoding,
                "customers", 1);
        BatchAssembler assembler = BatchAssembler.create(graph, db, encoding, "customers", config.samplerConfig());
        try (Trainer trainer = new Trainer(model, PredictionHead.fit(TaskType.BINARY, train.labels()), assembler,
                config, false)) {
            trainer.fit(train, val, new TrainingListener() { });
        }
        IntegratedGradients ig = new IntegratedGradients(model);
        for (int i = 0; i < 30; i++) {
            SampledBatch seed = assembler.assembleWithRows(new int[] {val.rows()[i]}, new long[] {val.times()[i]});
            StringBuilder line = new StringBuilder("seed " + i);
            for (int steps : new int[] {20, 50, 100}) {
                line.append(describe("uniform trapezoid " + steps, seed, () -> ig.explainUniform(seed, steps, 0)));
                for (int initial : new int[] {steps / 4, steps / 2, 3 * steps / 4}) {
                    line.append(describe("default, first grid " + initial + " of " + steps, seed,
                            () -> ig.explainBudgeted(seed, steps, 0, initial)));
                }
            }
            System.out.println(line);
        }
        SampledBatch first = assembler.assembleWithRows(new int[] {val.rows()[0]}, new long[] {val.times()[0]});
        printLargest(ig.explain(first), encoding, 12);
    }

    /** The largest attributions by absolute value, labelled by table, node and feature. */
    private static void printLargest(Explanation e, DatabaseEncoding encoding, int count) {
        java.util.List<java.util.Map.Entry<String, Double>> all = new java.util.ArrayList<>();
        for (NodeAttribution n : e.nodes()) {
            org.relgraph.gnn.encode.FeatureLayout layout = encoding.table(n.type()).layout();
            String node = n.type() + "[" + n.localIndex() + "] row " + n.globalRow() + ": ";
            for (int c = 0; c < n.features().length; c++) {
                String label = c < layout.numericWidth() ? layout.numeric().get(c).label()
                        : org.relgraph.gnn.encode.RelativeTimeEncoding.featureNames().get(c - layout.numericWidth());
                all.add(java.util.Map.entry(node + label, n.feature(c)));
            }
            for (int j = 0; j < n.categorical().length; j++) {
                all.add(java.util.Map.entry(node + layout.categorical().get(j).column(), n.categorical(j)));
            }
        }
        all.sort((a, b) -> Double.compare(Math.abs(b.getValue()), Math.abs(a.getValue())));
        System.out.printf("f(input) %.3f, f(baseline) %.3f, delta %.4f; largest attributions:%n", e.inputOutput(),
                e.baselineOutput(), e.completenessDelta());
        all.stream().limit(count).forEach(a -> System.out.printf("  %+.4f  %s%n", a.getValue(), a.getKey()));
    }

    private static String describe(String label, SampledBatch seed, java.util.function.Supplier<Explanation> run) {
        long t0 = System.nanoTime();
        Explanation e = run.get();
        double ms = (System.nanoTime() - t0) / 1e6;
        double change = e.inputOutput() - e.baselineOutput();
        return String.format("%n   %s: %.2f %% of %.3f, %d intervals, %.0f ms", label,
                100 * e.completenessDelta() / Math.abs(change), change, e.steps(), ms);
    }

    private static void timing(String dir) throws Exception {
        Database db = DataSources.open(dir).load().database();
        HeteroGraph graph = HeteroGraph.build(db);
        long cutoff = Arrays.stream(graph.nodeTimes("transactions")).max().orElseThrow();
        DatabaseEncoding encoding = DatabaseEncoding.fit(db, cutoff, EncodingConfig.defaults());
        GnnConfig config = GnnConfig.defaults();
        String seedType = graph.nodeTypes().stream().filter(t -> t.equalsIgnoreCase("customers")).findFirst()
                .orElseThrow();
        HeteroGnn model = new HeteroGnn(config, graph.nodeTypes(), BatchAssembler.edgeKeys(graph), encoding,
                seedType, 1);
        BatchAssembler assembler = BatchAssembler.create(graph, db, encoding, seedType, config.samplerConfig());
        IntegratedGradients ig = new IntegratedGradients(model);
        for (int row = 0; row < 8; row++) {
            SampledBatch seed = assembler.assembleWithRows(new int[] {row}, new long[] {cutoff});
            int nodes = seed.batch().nodes().values().stream().mapToInt(n -> n.size()).sum();
            System.out.println("customer row " + row + ", " + nodes + " sampled nodes"
                    + describe("uniform 50", seed, () -> ig.explainUniform(seed, 50, 0))
                    + describe("default 50", seed, () -> ig.explain(seed)));
        }
    }
}

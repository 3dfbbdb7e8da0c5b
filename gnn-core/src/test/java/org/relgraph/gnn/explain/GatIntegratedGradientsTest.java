package org.relgraph.gnn.explain;

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
import org.relgraph.gnn.nn.ConvKind;
import org.relgraph.gnn.testdata.ShopData;
import org.relgraph.gnn.train.LabeledSeeds;
import org.relgraph.gnn.train.Trainer;
import org.relgraph.gnn.train.TrainingListener;
import org.relgraph.graph.HeteroGraph;
import org.relgraph.query.TaskType;
import org.relgraph.query.TrainingSplits;
import org.relgraph.sampling.SamplerConfig;
import org.relgraph.table.Database;

/** Integrated gradients of a trained GAT model: complete within the tolerances {@link IntegratedGradientsTest} uses. */
class GatIntegratedGradientsTest {
    private static final GnnConfig SMALL = GnnConfig.defaults().withHidden(16).withFanouts(8, 4).withBatchSize(128)
            .withEpochs(3).withPatience(3).withLearningRate(1e-2).withDropout(0)
            .withSampling(SamplerConfig.Strategy.UNIFORM).withConv(ConvKind.GAT);

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
        encoding = DatabaseEncoding.fit(db, cutoff, EncodingConfig.defaults().withChildActivity(false));
        long[] customerTimes = graph.nodeTimes("customers");
        LabeledSeeds train = LabeledSeeds.from(splits.train(), SMALL, customerTimes);
        val = LabeledSeeds.from(splits.val(), SMALL, customerTimes);
        PredictionHead head = PredictionHead.fit(TaskType.BINARY, train.labels());
        trained = new HeteroGnn(SMALL, graph.nodeTypes(), BatchAssembler.edgeKeys(graph), encoding, "customers", 1);
        try (Trainer trainer = new Trainer(trained, head, assembler(), SMALL, false)) {
            trainer.fit(train, val, new TrainingListener() { });
        }
        trained.eval();
    }

    private static BatchAssembler assembler() {
        return BatchAssembler.create(graph, db, encoding, "customers", SMALL.samplerConfig());
    }

    private static SampledBatch seedSubgraph(int i) {
        return assembler().assembleWithRows(new int[] {val.rows()[i]}, new long[] {val.times()[i]});
    }

    @Test
    void fiftyStepsMeetOnePercentCompleteness() {
        assertTrue(trained.parameters().stream().anyMatch(p -> p.name().endsWith(".att_time")
                && p.value().getDouble(0) != 0), "training moved the time weight of the attention");
        IntegratedGradients ig = new IntegratedGradients(trained);
        int seeds = 20;
        double[] delta = new double[seeds];
        for (int i = 0; i < seeds; i++) {
            Explanation e = ig.explain(seedSubgraph(i), 50, 0);
            delta[i] = e.completenessDelta() / Math.abs(e.inputOutput() - e.baselineOutput());
        }
        long within = Arrays.stream(delta).filter(d -> d <= 0.01).count();
        assertTrue(within >= 18, within + " of " + seeds + " seeds within 1 % at 50 steps: " + Arrays.toString(delta));
    }

    @Test
    void edgeAttributionsAddUpToTheOutputWithoutEdges() {
        IntegratedGradients ig = new IntegratedGradients(trained);
        for (int i = 0; i < 10; i++) {
            SampledBatch seed = seedSubgraph(i);
            EdgeExplanation e = ig.explainEdges(seed, 50, 0);
            double alone = trained.forward(new org.relgraph.gnn.model.GraphBatch(seed.batch().seedType(), 1,
                    seed.batch().nodes(), java.util.Map.of())).getDouble(0, 0);
            assertEquals(alone, e.baselineOutput(), 1e-5, "no edges: the seed's row alone");
            double change = Math.abs(e.inputOutput() - e.baselineOutput());
            assertTrue(e.completenessDelta() <= 0.02 * change + 1e-6, "seed " + i + ": delta "
                    + e.completenessDelta() + " of " + change);
        }
    }
}

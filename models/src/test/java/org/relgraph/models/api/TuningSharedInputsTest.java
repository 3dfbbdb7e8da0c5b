package org.relgraph.models.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relgraph.gnn.model.GnnConfig;
import org.relgraph.gnn.nn.Aggregation;
import org.relgraph.gnn.nn.ConvKind;
import org.relgraph.gnn.testdata.ShopData;
import org.relgraph.gnn.train.TrainingListener;
import org.relgraph.gnn.train.TrainingProgress;
import org.relgraph.io.ReplacePolicy;
import org.relgraph.models.EntityModel;
import org.relgraph.models.gnn.GnnInputs;
import org.relgraph.models.tune.HalvingSchedule;
import org.relgraph.models.tune.SearchSpace;
import org.relgraph.models.tune.TrialRun;
import org.relgraph.models.tune.TuningListener;
import org.relgraph.models.tune.TuningResult;
import org.relgraph.query.TrainingSplits;
import org.relgraph.table.Database;

/** A search's trials share one graph and encoding, and each trial is the model its settings train alone. */
class TuningSharedInputsTest {
    private static final GnnConfig BASE = GnnConfig.defaults().withBatchSize(128).withPatience(2).withSeed(5);

    /** Every epoch's validation metric of a run, in order. */
    private static final class EpochMetrics implements TrainingListener {
        final List<Double> values = new ArrayList<>();

        @Override
        public void onEpochEnd(TrainingProgress p) {
            values.add(p.valMetric());
        }
    }

    @Test
    void trialsShareTheGraphAndTrainAsTheyWouldAlone(@TempDir Path tmp) throws Exception {
        Database db = ShopData.database(120, 11);
        TrainingSplits splits = ShopData.splits(db);
        Task task = Task.bind(db, ShopData.QUERY);
        SearchSpace space = new SearchSpace(List.of(8, 16), List.of(1, 2), List.of(List.of(8, 4)),
                List.of(3e-3, 1e-2), List.of(0.0, 0.1), List.of(Aggregation.SUM), List.of(ConvKind.SAGE));
        GnnInputs inputs = GnnInputs.of(db);
        List<EpochMetrics> perRun = new ArrayList<>();
        List<EntityModel> bests = new ArrayList<>();
        TuningResult result = Tuning.of(task, splits).space(space).schedule(new HalvingSchedule(3, 3, 1, 2))
                .base(BASE).inputs(inputs).listener(new TuningListener() {
                    @Override
                    public TrainingListener runStarting(RunStart start) {
                        EpochMetrics m = new EpochMetrics();
                        perRun.add(m);
                        return m;
                    }

                    @Override
                    public void newBest(TrialRun run, EntityModel model) {
                        assertSame(inputs.graph(), model.sampledGraph().orElseThrow());
                        bests.add(model);
                    }
                }).run(tmp.resolve("tuned"), ReplacePolicy.OWN_OUTPUT_ONLY);
        assertEquals(4, result.runs().size());
        assertFalse(bests.isEmpty());
        for (int i = 0; i < result.runs().size(); i++) {
            EpochMetrics alone = new EpochMetrics();
            try (EntityModel m = Training.gnn(db, task.query(), splits, result.runs().get(i).config(), alone)) {
                assertEquals(alone.values, perRun.get(i).values, "run " + (i + 1));
            }
        }
    }
}

package org.relgraph.models.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relgraph.datasets.bank.BankConfig;
import org.relgraph.datasets.bank.BankGenerator;
import org.relgraph.datasets.bank.BankQueries;
import org.relgraph.gnn.model.GnnConfig;
import org.relgraph.gnn.train.TrainingListener;
import org.relgraph.graph.EdgeType;
import org.relgraph.graph.HeteroGraph;
import org.relgraph.models.EntityModel;
import org.relgraph.models.ModelLoader;
import org.relgraph.models.gnn.GnnPredictor;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.SplitPlanner;
import org.relgraph.query.TrainingSplits;
import org.relgraph.query.TrainingTableBuilder;
import org.relgraph.source.DataSources;
import org.relgraph.table.Database;

/**
 * The GNN's audit on the synthetic bank, reopening the model on masked copies whose graphs share the trained model's:
 * the same report, number for number, as reopening it on copies that build whole graphs of their own (the audit
 * before the graphs were shared), while every relation a mask leaves alone is the trained graph's very CSR.
 */
class SharedGraphAuditTest {
    static final String QUERY = BankQueries.MORTGAGE;

    @Test
    void sharingTheTrainedGraphChangesNoNumberOfTheAudit(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("bank");
        new BankGenerator(BankConfig.of(800, 7)).generate(data, (done, total) -> { });
        Database db = DataSources.open(data.toString()).load().database();
        PredictiveQuery query = PredictiveQuery.parse(QUERY, db.schema());
        SplitPlanner planner = new SplitPlanner(db, query.window());
        planner.maxTrainAnchors(2);
        TrainingSplits splits = new TrainingTableBuilder(db, query).build(planner.plan());
        GnnConfig small = GnnConfig.defaults().withHidden(16).withFanouts(4, 2).withBatchSize(256).withEpochs(1)
                .withSeed(3);
        Path bundle = tmp.resolve("model");
        try (GnnPredictor trained = GnnPredictor.train(db, query, splits, small, TrainingListener.NONE)) {
            trained.save(bundle);
            HeteroGraph graph = trained.sampledGraph().orElseThrow();
            LeakageAudit.AuditPlan plan = LeakageAudit.AuditPlan.of(db.schema(), query, trained.inputHops());
            List<HeteroGraph> opened = new ArrayList<>();
            AuditReport shared = LeakageAudit.run(trained, (d, g) -> {
                EntityModel m = ModelLoader.load(bundle, d, g);
                opened.add(m.sampledGraph().orElseThrow());
                return m;
            }, db, splits.val(), plan);
            AuditReport whole = LeakageAudit.run((d, g) -> ModelLoader.load(bundle, d), db, splits.val(), plan);

            assertEquals(withoutTime(whole), withoutTime(shared), String.join("\n", whole.lines()));
            assertFalse(plan.tables().isEmpty() || plan.entityColumns().isEmpty(), plan.toString());
            // opened in the audit's order: unmasked, each table emptied, each entity column nulled
            assertEquals(1 + plan.tables().size() + plan.entityColumns().size(), opened.size());
            for (int i = 0; i < opened.size(); i++) {
                String emptied = i >= 1 && i <= plan.tables().size() ? plan.tables().get(i - 1) : null;
                for (EdgeType e : graph.edgeTypes()) {
                    boolean touched = emptied != null && (e.srcTable().equalsIgnoreCase(emptied)
                            || e.dstTable().equalsIgnoreCase(emptied));
                    if (!touched) {
                        assertSame(graph.csr(e), opened.get(i).csr(e), e + " with " + (emptied == null
                                ? "no table" : emptied) + " emptied");
                    }
                }
            }
        }
    }

    private static AuditReport withoutTime(AuditReport r) {
        return new AuditReport(r.metric(), r.baseline(), r.tables(), r.columns(), r.suspectlyHigh(), 0);
    }
}

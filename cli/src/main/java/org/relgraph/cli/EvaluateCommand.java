package org.relgraph.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.relgraph.models.EntityModel;
import org.relgraph.models.bundle.SplitAnchors;
import org.relgraph.models.rank.ActionRanker;
import org.relgraph.query.TrainingTable;
import org.relgraph.query.TrainingTableBuilder;
import org.relgraph.schema.SchemaException;
import org.relgraph.table.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Rebuilds a model's validation or test table from the data and reports the task's metrics on it. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {
            "Rebuild the model's train, val or test table (the anchors are stored in the bundle) from the data "
                + "and report the task's metrics: AUROC, average precision, log loss, calibration error and lift / "
                + "gains / conversion at the top 10/20/30 %% (binary); MAE, RMSE, R² (regression); accuracy, macro-F1 "
                + "(multiclass); MAP / NDCG / hit @k of the ranked actions and AUROC of the shown candidates (next "
                + "best action).",
            "",
            "Example:",
            "  relgraph evaluate --model out/mortgage-model --dataset bank --split test",
            ""
        })
public final class EvaluateCommand implements Callable<Integer> {
    @Mixin
    ModelInput model;

    @Mixin
    DataOptions data;

    @Option(names = "--split", defaultValue = "test", paramLabel = "SPLIT",
            description = "train, val or test (default ${DEFAULT-VALUE}).")
    String split;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter pw = spec.commandLine().getOut();
        Database db = model.loadData(data, spec.commandLine().getErr());
        try (EntityModel predictor = model.open(db, pw)) {
            List<Long> times = anchorsOf(predictor.splitAnchors()).of(split);
            TrainingTable table = new TrainingTableBuilder(db, predictor.query()).build(split, times);
            pw.println(predictor.query());
            pw.println(table.summary());
            long t0 = System.nanoTime();
            Map<String, Double> metrics = predictor.evaluate(table);
            pw.printf(Locale.ROOT, "Evaluated in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            if (predictor instanceof ActionRanker ranker) {
                boolean links = ranker instanceof org.relgraph.models.gnn.GnnRanker g && g.ranksLinks();
                pw.printf(Locale.ROOT, "Ranked over %d candidate %s %s%n", ranker.actions().size(),
                        links ? "referenced rows" : "actions", ranker.actions().columns());
            }
            if (predictor.query().offerRule().isPresent()) {
                pw.println("Ranked per example only the actions its OFFERING rule lets the entity be offered at the "
                        + "anchor");
            }
            TrainCommand.printMetrics(metrics, pw);
            org.relgraph.models.audit.AuditReport.recordedFlags(predictor.metrics()).forEach(pw::println);
        }
        pw.flush();
        return 0;
    }

    private SplitAnchors anchorsOf(SplitAnchors anchors) {
        if (anchors == null) {
            throw new SchemaException("the bundle at " + model.dir + " does not record its split anchors",
                    "retrain it with this version of relgraph");
        }
        return anchors;
    }
}

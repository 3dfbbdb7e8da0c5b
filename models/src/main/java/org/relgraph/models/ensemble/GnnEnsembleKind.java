package org.relgraph.models.ensemble;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.relgraph.gnn.model.PredictionHead;
import org.relgraph.gnn.train.ValidationMetric;
import org.relgraph.models.EntityModel;
import org.relgraph.models.TaskMisfit;
import org.relgraph.models.TrainingRequest;
import org.relgraph.models.bundle.Provenance;
import org.relgraph.models.bundle.SplitAnchors;
import org.relgraph.models.gnn.Checkpointing;
import org.relgraph.models.gnn.GnnInputs;
import org.relgraph.models.gnn.GnnKind;
import org.relgraph.models.gnn.GnnPredictor;
import org.relgraph.models.gnn.GnnTraining;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.TaskType;

/**
 * {@code gnn-ensemble} ({@code relgraph train --ensemble K}): K GNNs trained one after another with seeds seed,
 * seed+1, …, seed+K−1 and otherwise the same settings, whose calibrated probabilities (binary, multiclass) or
 * predictions (regression) are averaged. Its val and test metrics are the average's.
 */
public final class GnnEnsembleKind extends AveragingKind {
    public static final GnnEnsembleKind INSTANCE = new GnnEnsembleKind();
    static final String SEEDS = "seeds";

    private GnnEnsembleKind() {
        super(true, "run relgraph train --ensemble K again");
    }

    @Override
    public String id() {
        return "gnn-ensemble";
    }

    @Override
    public Set<TaskType> taskTypes() {
        return EnumSet.of(TaskType.BINARY, TaskType.REGRESSION, TaskType.MULTICLASS);
    }

    @Override
    public Optional<TaskMisfit> misfit(PredictiveQuery query) {
        if (query.taskType() == TaskType.RANKING) {
            return Optional.of(new TaskMisfit("ensembles average one number per entity; this is a ranking query",
                    "gnn-ensemble averages one number per entity; this is a ranking query",
                    "train the ranker without --ensemble"));
        }
        return Optional.empty();
    }

    @Override
    public EntityModel train(TrainingRequest r) {
        requireFits(r.query());
        // The GNN's own settings alone (as the registry's callers pass them) train the default number of members.
        EnsembleTraining s = r.settings() instanceof GnnTraining g
                ? new EnsembleTraining(g, EnsembleTraining.DEFAULT_MEMBERS, null)
                : r.settings(EnsembleTraining.class, EnsembleTraining.defaults());
        int k = s.members();
        List<String> names = new ArrayList<>();
        List<EnsembleMember> members = new ArrayList<>();
        List<Long> seeds = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        AveragedModel.Average val = new AveragedModel.Average(null, k);
        AveragedModel.Average test = new AveragedModel.Average(null, k);
        PredictionHead head = null;
        Map<String, Double> metrics = new LinkedHashMap<>();
        // The members differ only by seed: they share the graph, the encoding and the label history.
        GnnInputs inputs = s.gnn().inputs() != null ? s.gnn().inputs() : GnnInputs.of(r.db());
        for (int i = 0; i < k; i++) {
            long seed = r.seed() + i;
            r.progress().accept(String.format(Locale.ROOT, "member %d/%d: seed %d", i + 1, k, seed));
            // Members keep no checkpoint: an interrupted ensemble is trained again (train refuses --resume).
            GnnTraining g = new GnnTraining(s.gnn().config(), s.listener(i + 1), Checkpointing.none(), inputs);
            try (GnnPredictor p = trainGnn(r, seed, g)) {
                double[][][] outputs = p.trainedOutputs().orElseThrow();
                val.add(i, outputs[0]);
                test.add(i, outputs[1]);
                head = p.head();
                String name = "member-" + (i + 1);
                names.add(name);
                members.add(EnsembleMember.of(p.bundle(), Path.of(name)));
                seeds.add(seed);
                notes.add(memberNote(i + 1, k, seed, p.metrics(), head));
                metrics.put(name + "_best_epoch", p.metrics().getOrDefault("best_epoch", Double.NaN));
            }
        }
        Map<String, Double> all = splitMetrics(head, r.splits(), val.result(), test.result());
        all.put("members", (double) k);
        all.putAll(metrics);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(SEEDS, seeds);
        String summary = String.format(Locale.ROOT, "; ensemble of %d GNNs (seeds %s), calibrated %s averaged", k,
                seeds.stream().map(String::valueOf).reduce((a, b) -> a + ", " + b).orElse(""),
                head.taskType() == TaskType.REGRESSION ? "predictions" : "probabilities");
        return new AveragedModel(name(), explains(), r.db(), r.query(), names, members, null, head, all,
                Provenance.now(inputs.fingerprint(), r.seed()), SplitAnchors.of(r.splits()),
                s.gnn().config().layers(), fields, notes, summary);
    }

    /** "member 2/3 (seed 43): best epoch 4, val auroc 0.7612, test auroc 0.7533". */
    static String memberNote(int i, int k, long seed, Map<String, Double> m, PredictionHead head) {
        String metric = ValidationMetric.forTask(head.taskType()).name().toLowerCase(Locale.ROOT);
        return String.format(Locale.ROOT, "member %d/%d (seed %d): best epoch %.0f, val %s %.4f, test %s %.4f", i, k,
                seed, m.getOrDefault("best_epoch", Double.NaN), metric, m.getOrDefault("val_" + metric, Double.NaN),
                metric, m.getOrDefault("test_" + metric, Double.NaN));
    }

    @Override
    public int inputHops(Object settings) {
        return settings instanceof EnsembleTraining e ? e.gnn().config().layers()
                : GnnKind.INSTANCE.inputHops(settings);
    }
}

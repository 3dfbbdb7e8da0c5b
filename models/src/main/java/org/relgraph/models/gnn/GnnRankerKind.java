package org.relgraph.models.gnn;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.relgraph.models.EntityModel;
import org.relgraph.models.ModelKind;
import org.relgraph.models.ModelOutput;
import org.relgraph.models.TaskMisfit;
import org.relgraph.models.TrainingRequest;
import org.relgraph.models.rank.ActionSpace;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.Target;
import org.relgraph.query.TaskType;
import org.relgraph.table.Database;

/**
 * The GNN for ranking queries ({@link GnnRanker}): ARGMAX next best action and LIST_DISTINCT links. Users name it
 * {@code gnn} like {@link GnnKind}; the query's task type picks between the two.
 */
public final class GnnRankerKind implements ModelKind {
    public static final GnnRankerKind INSTANCE = new GnnRankerKind();

    private GnnRankerKind() {
    }

    @Override
    public String id() {
        return "gnn-ranker";
    }

    @Override
    public String name() {
        return GnnKind.INSTANCE.name();
    }

    @Override
    public Set<TaskType> taskTypes() {
        return EnumSet.of(TaskType.RANKING);
    }

    @Override
    public Optional<TaskMisfit> misfit(PredictiveQuery query) {
        if (!ActionSpace.applies(query) && !(query.target() instanceof Target.ListDistinct)) {
            return Optional.of(new TaskMisfit("the GNN ranks ARGMAX actions and LIST_DISTINCT links only",
                    "the GNN ranks ARGMAX actions and LIST_DISTINCT links only, not " + query.taskType(),
                    "train a " + query.taskType() + " query without a ranking head"));
        }
        return Optional.empty();
    }

    @Override
    public EntityModel train(TrainingRequest r) {
        GnnTraining s = r.settings(GnnTraining.class, GnnTraining.defaults());
        if (Boolean.TRUE.equals(s.config().labelHistory())) {
            org.relgraph.query.LabelHistory.requireSupported(r.query()); // a ranking's label is not one number
        }
        if (s.config().refits() || s.config().recencyHalfLifeDays() != null) {
            throw new org.relgraph.schema.SchemaException("--refit and --recency-half-life apply to BOOL, "
                    + "regression and multiclass queries, not to ranking (" + r.query().taskType() + ")",
                    "train this query without --refit and --recency-half-life");
        }
        return GnnRanker.train(r.db(), r.query(), r.splits(), s.configFor(r), s.listener(), s.checkpointing());
    }

    @Override
    public EntityModel load(Path dir, Database db) throws IOException {
        return GnnRanker.load(ModelBundle.load(dir), db);
    }

    @Override
    public EntityModel load(Path dir, Database db, org.relgraph.graph.HeteroGraph sharedGraph) throws IOException {
        return GnnRanker.load(ModelBundle.load(dir), db, sharedGraph);
    }

    @Override
    public boolean explains() {
        return true;
    }

    @Override
    public ModelOutput output(PredictiveQuery query) {
        return query.target() instanceof Target.ListDistinct ? ModelOutput.ITEM_LIST : ModelOutput.ACTION_SCORES;
    }

    @Override
    public int inputHops(Object settings) {
        return GnnKind.INSTANCE.inputHops(settings);
    }

    @Override
    public boolean baseline() {
        return false;
    }

    @Override
    public String retrain() {
        return ModelBundle.RETRAIN;
    }
}

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
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.TaskType;
import org.relgraph.table.Database;

/** The heterogeneous temporal GNN for one number per entity ({@link GnnPredictor}): binary, regression, multiclass. */
public final class GnnKind implements ModelKind {
    public static final GnnKind INSTANCE = new GnnKind();

    private GnnKind() {
    }

    @Override
    public String id() {
        return "gnn";
    }

    @Override
    public Set<TaskType> taskTypes() {
        return EnumSet.of(TaskType.BINARY, TaskType.REGRESSION, TaskType.MULTICLASS);
    }

    @Override
    public Optional<TaskMisfit> misfit(PredictiveQuery query) {
        if (query.taskType() == TaskType.RANKING) {
            return Optional.of(new TaskMisfit("gnn ranks with the gnn-ranker kind",
                    "ranking queries are trained by GnnRanker, not GnnPredictor",
                    "call GnnRanker.train for ARGMAX queries (relgraph train does this for you)"));
        }
        return Optional.empty();
    }

    @Override
    public EntityModel train(TrainingRequest r) {
        GnnTraining s = r.settings(GnnTraining.class, GnnTraining.defaults());
        return GnnPredictor.train(GnnInputs.forDatabase(s.inputs(), r.db()), r.query(), r.splits(), s.configFor(r),
                s.listener(), s.checkpointing());
    }

    @Override
    public EntityModel load(Path dir, Database db) throws IOException {
        return GnnPredictor.load(dir, db);
    }

    @Override
    public EntityModel load(Path dir, Database db, org.relgraph.graph.HeteroGraph sharedGraph) throws IOException {
        return GnnPredictor.load(dir, db, sharedGraph);
    }

    @Override
    public boolean explains() {
        return true;
    }

    @Override
    public ModelOutput output(PredictiveQuery query) {
        return ModelOutput.ONE_NUMBER;
    }

    @Override
    public int inputHops(Object settings) {
        return settings instanceof GnnTraining g ? g.config().layers() : GnnTraining.defaults().config().layers();
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

package org.relgraph.models.rank;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.relgraph.models.EntityModel;
import org.relgraph.models.ModelKind;
import org.relgraph.models.ModelOutput;
import org.relgraph.models.TaskMisfit;
import org.relgraph.models.TrainingRequest;
import org.relgraph.models.baseline.TabularKind;
import org.relgraph.models.bundle.BundleFolder;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.TaskType;
import org.relgraph.table.Database;

/** {@code cf}: collaborative filtering for ranking queries, ARGMAX and LIST_DISTINCT ({@link CfModel}). */
public final class CfKind implements ModelKind {
    public static final CfKind INSTANCE = new CfKind();

    private CfKind() {
    }

    @Override
    public String id() {
        return "cf";
    }

    @Override
    public Set<TaskType> taskTypes() {
        return EnumSet.of(TaskType.RANKING);
    }

    @Override
    public Optional<TaskMisfit> misfit(PredictiveQuery query) {
        if (query.taskType() != TaskType.RANKING) {
            return Optional.of(new TaskMisfit("cf ranks items; this task predicts one number",
                    "cf ranks items; this is a " + query.taskType().toString().toLowerCase(Locale.ROOT) + " query",
                    "use --kind flat-xgboost, entity-gbdt or rules"));
        }
        return Optional.empty();
    }

    /** History is read strictly before each anchor, so the request's input cutoff changes nothing. */
    @Override
    public EntityModel train(TrainingRequest r) {
        return CfModel.train(r.db(), r.query(), r.splits(), r.seed(), r.progress());
    }

    @Override
    public EntityModel load(Path dir, Database db) throws IOException {
        return CfModel.load(dir, BundleFolder.read(dir, List.of(), TabularKind.RETRAIN), db);
    }

    @Override
    public boolean explains() {
        return false;
    }

    @Override
    public ModelOutput output(PredictiveQuery query) {
        return ModelOutput.ITEM_LIST;
    }

    /** The target table's history, joined on the entity's own key. */
    @Override
    public int inputHops(Object settings) {
        return 0;
    }

    @Override
    public boolean baseline() {
        return true;
    }

    @Override
    public String retrain() {
        return TabularKind.RETRAIN;
    }

    @Override
    public String toString() {
        return id();
    }
}

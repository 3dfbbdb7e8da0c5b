package org.relgraph.models.baseline;

import java.io.IOException;
import java.nio.file.Path;
import org.relgraph.gnn.model.GnnConfig;
import org.relgraph.models.EntityModel;
import org.relgraph.models.TrainingRequest;
import org.relgraph.models.gnn.GnnTraining;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.table.Database;

/**
 * {@code xgb-gnn-inputs} ({@code relgraph train --kind xgb-gnn-inputs}): flat XGBoost ({@link AppendedFeaturesKind})
 * with the GNN's own inputs of the entity node appended ({@link EntityNodeInputs}: its encoded row and child
 * summaries as of the anchor). No GNN is trained: on Berka gradient boosting on those inputs beat the GNN that reads
 * them (docs/MODEL-TUNING.md, "XGBoost on the GNN's own inputs"), and this kind asks whether they add to the flat
 * features. The GNN options that shape those inputs apply ({@code --no-child-summaries},
 * {@code --extended-child-summaries}); the rest are ignored. Not explained, like the other tree models.
 */
public final class XgbGnnInputsKind extends AppendedFeaturesKind {
    public static final XgbGnnInputsKind INSTANCE = new XgbGnnInputsKind(true, false);

    /** The child summaries the predictors this instance creates append, and whether with windowed sums. */
    private final boolean childSummaries;
    private final boolean windowSums;

    private XgbGnnInputsKind(boolean childSummaries, boolean windowSums) {
        this.childSummaries = childSummaries;
        this.windowSums = windowSums;
    }

    @Override
    public String id() {
        return "xgb-gnn-inputs";
    }

    /** The request's GNN options choose the node inputs; the saved inputs record them, so the id stays the same. */
    @Override
    public EntityModel train(TrainingRequest r) {
        GnnConfig config = r.settings(GnnTraining.class, GnnTraining.of(null)).config();
        boolean summaries = config.childSummariesOr(true);
        boolean sums = config.extendedChildSummariesOn();
        return summaries == childSummaries && sums == windowSums ? super.train(r)
                : new XgbGnnInputsKind(summaries, sums).train(r);
    }

    @Override
    AppendedFeatures appendedFeatures(Database db, PredictiveQuery query, long featureCutoffMs) {
        return new EntityNodeInputs(db, query.entityTable(), featureCutoffMs, childSummaries, windowSums);
    }

    @Override
    AppendedFeatures loadAppendedFeatures(Path dir, Database db) throws IOException {
        return EntityNodeInputs.load(dir, db);
    }

    /** Flat XGBoost's feature hops (the node inputs reach one: the entity's children). */
    @Override
    public int inputHops(Object settings) {
        return FlatXgboostKind.INSTANCE.inputHops(null);
    }
}

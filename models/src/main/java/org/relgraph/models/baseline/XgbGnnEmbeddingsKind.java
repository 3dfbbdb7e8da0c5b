package org.relgraph.models.baseline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.relgraph.gnn.model.GnnConfig;
import org.relgraph.models.EntityModel;
import org.relgraph.models.TrainingRequest;
import org.relgraph.models.gnn.GnnKind;
import org.relgraph.models.gnn.GnnTraining;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.table.Database;

/**
 * {@code xgb-gnn-embeddings} ({@code relgraph train --kind xgb-gnn-embeddings}): flat XGBoost
 * ({@link AppendedFeaturesKind}) with the GNN's learned embedding of the entity appended
 * ({@link GnnEmbeddingFeatures}: out of fold for the train rows, from a GNN trained on all train rows for val, test
 * and prediction). {@value #FOLDS} folds: {@value #FOLDS} + 1 GNN fits, each with the request's GNN settings and
 * early stopping on val. The bundle holds the trees, the flat feature spec and the full GNN; {@code evaluate} and
 * {@code predict} embed as of the prediction time. Not explained, like {@code xgb-gnn-inputs}: the trees have no
 * integrated gradients and the embedding's columns no meaning of their own.
 */
public final class XgbGnnEmbeddingsKind extends AppendedFeaturesKind {
    /** Out-of-fold folds of the train entities; 2 keeps the cost at three GNN fits. */
    static final int FOLDS = 2;
    public static final XgbGnnEmbeddingsKind INSTANCE = new XgbGnnEmbeddingsKind(null, null, FOLDS);

    /** The request's GNN settings (seed and input cutoff applied) and progress; null in {@link #INSTANCE}. */
    private final GnnTraining gnn;
    private final Consumer<String> progress;
    private final int folds;

    private XgbGnnEmbeddingsKind(GnnTraining gnn, Consumer<String> progress, int folds) {
        this.gnn = gnn;
        this.progress = progress;
        this.folds = folds;
    }

    @Override
    public String id() {
        return "xgb-gnn-embeddings";
    }

    @Override
    public EntityModel train(TrainingRequest r) {
        return train(r, FOLDS);
    }

    /** {@link #train(TrainingRequest)} with {@code folds} out-of-fold folds (tests use it). */
    EntityModel train(TrainingRequest r, int folds) {
        requireFits(r.query());
        GnnTraining s = r.settings(GnnTraining.class, GnnTraining.of(null));
        GnnConfig config = s.config().withSeed(r.seed()).withInputCutoffMs(r.inputCutoffMs());
        GnnTraining resolved = new GnnTraining(config, s.listener(), s.checkpointing(), s.inputs());
        return new XgbGnnEmbeddingsKind(resolved, r.progress(), folds).trainAsConfigured(r);
    }

    private EntityModel trainAsConfigured(TrainingRequest r) {
        return super.train(r);
    }

    @Override
    AppendedFeatures appendedFeatures(Database db, PredictiveQuery query, long featureCutoffMs) {
        if (gnn == null) {
            throw new IllegalStateException("xgb-gnn-embeddings trains through train(TrainingRequest)");
        }
        return new GnnEmbeddingFeatures(db, query, gnn.config(), gnn.listener(), folds, progress);
    }

    @Override
    AppendedFeatures loadAppendedFeatures(Path dir, Database db) throws IOException {
        return GnnEmbeddingFeatures.load(dir, db);
    }

    /** The deeper of the GNN's layers and flat XGBoost's feature hops. */
    @Override
    public int inputHops(Object settings) {
        return Math.max(GnnKind.INSTANCE.inputHops(settings), FlatXgboostKind.INSTANCE.inputHops(null));
    }
}

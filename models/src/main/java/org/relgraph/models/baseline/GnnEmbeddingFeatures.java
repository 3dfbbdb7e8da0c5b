package org.relgraph.models.baseline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.relgraph.gnn.model.GnnConfig;
import org.relgraph.gnn.train.TrainingListener;
import org.relgraph.io.ReplacePolicy;
import org.relgraph.models.features.FeatureColumn;
import org.relgraph.models.features.FeatureMatrix;
import org.relgraph.models.features.InputMask;
import org.relgraph.models.gnn.Checkpointing;
import org.relgraph.models.gnn.GnnInputs;
import org.relgraph.models.gnn.GnnPredictor;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.TrainingSplits;
import org.relgraph.query.TrainingTable;
import org.relgraph.table.Database;

/**
 * The GNN's learned embedding of the entity (the seed node's final hidden state, before the head) as
 * {@code xgb-gnn-embeddings} appends it to flat XGBoost's features, as of each example's anchor capped by the input
 * cutoff, as the GNN itself sees it.
 *
 * <p>The train rows' embeddings are out-of-fold: a GNN that trained on a row has fitted its label, and trees given
 * that embedding would trust it more than it deserves on val and test. The train split's entities are dealt into
 * {@code folds} folds (seeded, by entity, since an entity's anchors share its history); for each fold a GNN trains
 * on the other folds' train rows (early-stopped on val, as always) and embeds that fold's rows. Val, test and
 * prediction rows are embedded by one GNN trained on all train rows, which the bundle keeps.
 */
final class GnnEmbeddingFeatures implements AppendedFeatures {
    /** The bundle's sub-folder holding the GNN that embeds val, test and prediction rows (a GNN bundle). */
    static final String GNN_DIR = "embedding-gnn";
    static final String KIND = "xgb-gnn-embeddings";

    /** What one fold's GNN trained on and embedded: the record the out-of-fold test checks. */
    record FoldFit(TrainingTable trainedOn, TrainingTable embedded) {
    }

    private final Database db;
    private final PredictiveQuery query;
    private final GnnConfig config;
    private final TrainingListener listener;
    private final int folds;
    private final Consumer<String> progress;
    private GnnPredictor full;
    /** The train table {@link #fit} embedded out of fold, and those embeddings. */
    private TrainingTable outOfFoldTable;
    private FeatureMatrix outOfFold;
    private final List<FoldFit> foldFits = new ArrayList<>();

    /** @param config the GNN's settings, with the request's seed and input cutoff */
    GnnEmbeddingFeatures(Database db, PredictiveQuery query, GnnConfig config, TrainingListener listener, int folds,
                         Consumer<String> progress) {
        if (folds < 2) {
            throw new IllegalArgumentException("out-of-fold embeddings need at least 2 folds, got " + folds);
        }
        this.db = db;
        this.query = query;
        this.config = config;
        this.listener = listener == null ? TrainingListener.NONE : listener;
        this.folds = folds;
        this.progress = progress == null ? line -> { } : progress;
    }

    private GnnEmbeddingFeatures(Database db, GnnPredictor full) {
        this.db = db;
        this.query = full.query();
        this.config = full.config();
        this.listener = TrainingListener.NONE;
        this.folds = 0;
        this.progress = line -> { };
        this.full = full;
    }

    /** The embeddings {@link #saveInto} wrote into {@code dir}, computed from {@code db} by the saved GNN. */
    static GnnEmbeddingFeatures load(Path dir, Database db) throws IOException {
        return new GnnEmbeddingFeatures(db, GnnPredictor.load(dir.resolve(GNN_DIR), db));
    }

    /**
     * The fold of each train entity row: the distinct entity rows in ascending order, shuffled with {@code seed},
     * dealt round-robin, so the folds differ in size by one entity at most and depend on the seed alone.
     */
    static Map<Integer, Integer> entityFolds(TrainingTable train, int folds, long seed) {
        int[] entities = new int[train.size()];
        Arrays.setAll(entities, train::entityRow);
        entities = Arrays.stream(entities).distinct().sorted().toArray();
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = entities.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = entities[i];
            entities[i] = entities[j];
            entities[j] = t;
        }
        Map<Integer, Integer> fold = new HashMap<>();
        for (int i = 0; i < entities.length; i++) {
            fold.put(entities[i], i % folds);
        }
        return fold;
    }

    @Override
    public void fit(TrainingSplits splits) {
        GnnInputs inputs = GnnInputs.of(db); // the graph and the encoding, built once for all the GNNs
        TrainingTable train = splits.train();
        progress.accept(String.format(Locale.ROOT, "%s: GNN 1/%d on all %,d train examples (embeds val, test and "
                + "predictions)", KIND, folds + 1, train.size()));
        full = GnnPredictor.train(inputs, query, splits, config, listener, Checkpointing.none());
        progress.accept(String.format(Locale.ROOT, "%s: GNN 1/%d done: best epoch %.0f, %s", KIND, folds + 1,
                full.metrics().getOrDefault("best_epoch", Double.NaN), valMetric(full)));
        Map<Integer, Integer> fold = entityFolds(train, folds, config.seed());
        float[][] rows = new float[train.size()][];
        foldFits.clear();
        for (int f = 0; f < folds; f++) {
            int held = f;
            TrainingTable others = train.select(i -> fold.get(train.entityRow(i)) != held);
            TrainingTable own = train.select(i -> fold.get(train.entityRow(i)) == held);
            progress.accept(String.format(Locale.ROOT, "%s: GNN %d/%d, fold %d/%d: trains on the other folds' %,d "
                    + "train examples, embeds this fold's %,d", KIND, f + 2, folds + 1, f + 1, folds, others.size(),
                    own.size()));
            // The fold's GNN is measured on val like any GNN; the test split is val again, so it is not scored twice.
            try (GnnPredictor p = GnnPredictor.train(inputs, query, new TrainingSplits(others, splits.val(),
                    splits.val()), config, listener, Checkpointing.none())) {
                float[][] e = p.embeddings(own);
                int k = 0;
                for (int i = 0; i < train.size(); i++) {
                    if (fold.get(train.entityRow(i)) == held) {
                        rows[i] = e[k++];
                    }
                }
                progress.accept(String.format(Locale.ROOT, "%s: GNN %d/%d done: best epoch %.0f, %s", KIND, f + 2,
                        folds + 1, p.metrics().getOrDefault("best_epoch", Double.NaN), valMetric(p)));
            }
            foldFits.add(new FoldFit(others, own));
        }
        outOfFoldTable = train;
        outOfFold = matrix(rows);
    }

    private static String valMetric(GnnPredictor p) {
        Map<String, Double> m = p.metrics();
        for (String name : List.of("auroc", "mae", "accuracy")) {
            if (m.containsKey("val_" + name)) {
                return String.format(Locale.ROOT, "val %s %.4f", name, m.get("val_" + name));
            }
        }
        return "no val metric";
    }

    /** What each fold's GNN trained on and embedded, in fold order (empty before {@link #fit} and once loaded). */
    List<FoldFit> foldFits() {
        return List.copyOf(foldFits);
    }

    /** The GNN that embeds everything but the train rows {@link #fit} embedded out of fold. */
    GnnPredictor fullGnn() {
        return full;
    }

    /**
     * The train table {@link #fit} was given (the same object), unmasked: its out-of-fold embeddings. Anything else:
     * the full GNN's embeddings, from the data with {@code mask}'s input hidden (the GNN computed again on it).
     */
    @Override
    public FeatureMatrix build(TrainingTable table, InputMask mask) {
        if (full == null) {
            throw new IllegalStateException("the GNN embeddings are not fitted");
        }
        if (table == outOfFoldTable && mask.hidesNothing()) {
            return outOfFold;
        }
        if (mask.hidesNothing()) {
            return matrix(full.embeddings(table));
        }
        Database data = mask.applyTo(db, query.entityTable());
        try (GnnPredictor masked = GnnPredictor.open(full.bundle(), Path.of(GNN_DIR), data,
                full.sampledGraph().orElse(null))) {
            return matrix(masked.embeddings(table));
        }
    }

    /** Named {@code gnn_embedding.<i>}, one column per hidden unit. */
    private FeatureMatrix matrix(float[][] rows) {
        int width = config.hidden();
        float[] out = new float[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, out, i * width, width);
        }
        List<FeatureColumn> columns = new ArrayList<>();
        String entity = query.entityTable();
        for (int c = 0; c < width; c++) {
            // No per-column mask applies: the audit recomputes the embedding from the masked data (build).
            columns.add(new FeatureColumn("gnn_embedding." + c, entity, config.layers(), "gnn_embedding", 0));
        }
        return new FeatureMatrix(rows.length, columns, out);
    }

    @Override
    public void saveInto(Path dir) throws IOException {
        full.bundle().save(dir.resolve(GNN_DIR), ReplacePolicy.OWN_OUTPUT_ONLY);
    }

    @Override
    public void close() {
        if (full != null) {
            full.close();
        }
    }
}

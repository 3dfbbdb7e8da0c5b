package org.relgraph.models.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.relgraph.models.EntityModel;
import org.relgraph.models.bundle.SplitAnchors;
import org.relgraph.models.rank.ItemRecommender;
import org.relgraph.query.TrainingTable;
import org.relgraph.query.TrainingTableBuilder;
import org.relgraph.schema.SchemaException;
import org.relgraph.table.Database;

/**
 * A trained model's metrics on its own train, val or test table, rebuilt from the data at the anchors its bundle
 * records: what {@code relgraph evaluate} reports. The metric names are the same for every model kind
 * ({@link org.relgraph.models.TaskMetrics}): AUROC, average precision, lift for a binary task; MAE, RMSE, R² for
 * regression; accuracy, macro-F1 for multiclass; MAP / NDCG / hit@k for next best action.
 *
 * <pre>{@code
 * Database db = Sources.loadFor(Path.of("out/mortgage-model"), "data/bank");
 * try (EntityModel model = ModelLoader.load(Path.of("out/mortgage-model"), db)) {
 *     Map<String, Double> test = Evaluation.of(model, db).metrics("test");
 *     System.out.println(test.get("auroc"));
 * }
 * }</pre>
 */
public final class Evaluation {
    private final EntityModel model;
    private final Database db;

    private Evaluation(EntityModel model, Database db) {
        this.model = model;
        this.db = db;
    }

    public static Evaluation of(EntityModel model, Database db) {
        return new Evaluation(model, db);
    }

    /**
     * The {@code split} table ({@code train}, {@code val} or {@code test}) at the anchors the model was trained
     * with, labels read from today's data.
     */
    public TrainingTable table(String split) {
        SplitAnchors anchors = model.splitAnchors();
        if (anchors == null) {
            throw new SchemaException("the " + model.kind() + " model's bundle does not record its split anchors",
                    "retrain it with this version of relgraph");
        }
        List<Long> times = anchors.of(split);
        return new TrainingTableBuilder(db, model.query()).build(split, times);
    }

    /** The task's metrics on {@code table}; just {@code count = 0} for an empty one. */
    public Map<String, Double> metrics(TrainingTable table) {
        return model.evaluate(table);
    }

    /** The task's metrics on the {@code split} table: {@code metrics(table(split))}. */
    public Map<String, Double> metrics(String split) {
        return metrics(table(split));
    }

    /**
     * What a ranking model ranks over, e.g. "12 candidate actions [OFFER_SHOWN, CHANNEL]" or, for a LIST_DISTINCT
     * GNN, "500 candidate referenced rows [ARTICLE_ID]"; empty for a model that scores one value per entity.
     */
    public Optional<String> candidates() {
        Optional<String> actions = model.asActionRanker().map(r -> r.actions().size() + " candidate actions "
                + r.actions().columns());
        return actions.isPresent() ? actions : model.asItemRecommender().map(ItemRecommender::candidates);
    }
}

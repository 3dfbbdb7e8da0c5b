package org.relgraph.models;

import java.util.Objects;
import java.util.function.Consumer;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.TrainingSplits;
import org.relgraph.table.Database;

/**
 * What {@link ModelKind#train} trains from, the same for every kind.
 *
 * @param seed          makes training reproducible (sampling, initial weights, XGBoost's row/column sampling)
 * @param threads       threads for kinds that take a count (XGBoost), fixed so a seed gives the same model
 * @param inputCutoffMs the latest time inputs may read whatever the anchor (RelBench's protocol), or null for each
 *                      example's own anchor
 * @param settings      the kind's own settings (e.g. {@link org.relgraph.models.gnn.GnnTraining}), or null for its
 *                      defaults; a kind ignores settings of another kind's type
 * @param progress      one line per step, for the user to follow
 */
public record TrainingRequest(Database db, PredictiveQuery query, TrainingSplits splits, long seed, int threads,
                              Long inputCutoffMs, Object settings, Consumer<String> progress) {
    public TrainingRequest {
        Objects.requireNonNull(db, "db");
        Objects.requireNonNull(query, "query");
        progress = progress == null ? line -> { } : progress;
    }

    /** The kind's settings when they are of its {@code type}, else {@code defaults}. */
    public <S> S settings(Class<S> type, S defaults) {
        return type.isInstance(settings) ? type.cast(settings) : defaults;
    }
}

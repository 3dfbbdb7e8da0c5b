package org.relgraph.models;

import java.util.Map;
import org.relgraph.models.bundle.SplitAnchors;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.TrainingTable;

/**
 * What {@code evaluate}, {@code predict} and the benchmark suite need from a trained model of any kind (GNN, rules,
 * gradient-boosted trees, collaborative filtering), so they never switch on the kind themselves. Load one with
 * {@link ModelLoader#load}.
 */
public interface EntityModel extends AutoCloseable {
    /** The name of its kind, as {@code bundle.json} records it ({@link ModelKind#name}), e.g. {@code gnn}. */
    String kind();

    PredictiveQuery query();

    /** The anchors of the train/val/test tables the model was built with, so evaluation rebuilds the same tables. */
    SplitAnchors splitAnchors();

    /** Metrics recorded when the model was trained, e.g. {@code val_auroc}, {@code test_auroc}. */
    Map<String, Double> metrics();

    /**
     * The task's metrics on {@code table}, named as {@link TaskMetrics} names them for every kind; just
     * {@code count = 0} for an empty table.
     */
    Map<String, Double> evaluate(TrainingTable table);

    /**
     * Scores entities with only the data known at {@code asOfMs}: BINARY the calibrated probability, REGRESSION
     * the value, MULTICLASS the most likely class code, RANKING the score of the entity's best item.
     */
    double[] score(int[] entityRows, long asOfMs);

    /**
     * {@link #score(int[], long)}, telling {@code scored} how many entities are scored so far: 0 as it starts, then
     * rising to {@code entityRows.length} after each batch for kinds that score in batches, else once at the end.
     */
    default double[] score(int[] entityRows, long asOfMs, java.util.function.IntConsumer scored) {
        scored.accept(0);
        double[] scores = score(entityRows, asOfMs);
        scored.accept(entityRows.length);
        return scores;
    }

    /**
     * Category values of the loaded data that the model never saw in training (scored as the unknown category), one
     * line each for a note to the user; empty for kinds that do not encode categories themselves.
     */
    default java.util.List<String> unknownCategoryNotes() {
        return java.util.List.of();
    }

    /**
     * What a user should know about the trained model beyond its metrics, appended to the line that reports the
     * training (e.g. "; 24 candidate actions [channel, offer], dot action scorer"); empty by default.
     */
    default String trainedSummary() {
        return "";
    }

    /** Notes on what training found that a user should read (one line each, e.g. candidates left out); none by default. */
    default java.util.List<String> trainingNotes() {
        return java.util.List.of();
    }

    /**
     * Removes what training kept to be resumed (the GNN's per-epoch checkpoint), once the model's bundle is safely
     * written; nothing for kinds that keep nothing.
     */
    default void discardCheckpoint() {
    }

    /**
     * Adds metrics measured after fitting (the leakage audit's) to {@link #metrics()}, so the next {@link #save}
     * records them in the bundle.
     */
    void recordMetrics(Map<String, Double> measured);

    /**
     * This model as a next-best-action model that scores every candidate action, when it is one (a GNN ranker of an
     * ARGMAX query, flat-xgboost's): how scoring and evaluation reach what only such models do, without asking which
     * class the model is.
     */
    default java.util.Optional<org.relgraph.models.rank.ActionRanker> asActionRanker() {
        return java.util.Optional.empty();
    }

    /** This model as a recommender of item lists, when it is one (a LIST_DISTINCT GNN, cf). */
    default java.util.Optional<org.relgraph.models.rank.ItemRecommender> asItemRecommender() {
        return java.util.Optional.empty();
    }

    /** This model as one integrated gradients explain (the GNN kinds), when it is one. */
    default java.util.Optional<org.relgraph.models.explain.ExplainableModel> asExplainable() {
        return java.util.Optional.empty();
    }

    /**
     * For the leakage audit: {@link #evaluate} of {@code table} with one input hidden at a time, each as if the
     * model were loaded against a database with that input masked, but from inputs computed once. Empty when the
     * model cannot mask its own inputs (the audit then reloads it against a masked copy of the data per input).
     */
    default java.util.Optional<java.util.function.Function<org.relgraph.models.features.InputMask,
            Map<String, Double>>> maskedEvaluation(TrainingTable table) {
        return java.util.Optional.empty();
    }

    /**
     * The graph the model samples its inputs from, when it has one (the GNN kinds): the leakage audit reopens the
     * model on masked copies of the data with graphs that share it ({@link ModelLoader#load(java.nio.file.Path,
     * org.relgraph.table.Database, org.relgraph.graph.HeteroGraph)}).
     */
    default java.util.Optional<org.relgraph.graph.HeteroGraph> sampledGraph() {
        return java.util.Optional.empty();
    }

    /** How many foreign-key hops from the entity the model's inputs reach (the leakage audit masks those tables). */
    int inputHops();

    /**
     * Writes the model as a checksummed bundle folder that {@link ModelLoader#load} reads back, replacing an
     * existing folder only as {@code replace} allows ({@link org.relgraph.io.OutputFolder}).
     */
    void save(java.nio.file.Path dir, org.relgraph.io.ReplacePolicy replace) throws java.io.IOException;

    /** {@link #save(java.nio.file.Path, org.relgraph.io.ReplacePolicy)}, replacing only relgraph's own output. */
    default void save(java.nio.file.Path dir) throws java.io.IOException {
        save(dir, org.relgraph.io.ReplacePolicy.OWN_OUTPUT_ONLY);
    }

    @Override
    void close();
}

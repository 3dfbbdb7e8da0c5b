package org.relgraph.models;

/** What a model outputs per entity, which decides how {@code predict} writes it and what it can be asked. */
public enum ModelOutput {
    /** One number: a calibrated probability (binary), a value (regression) or a class code (multiclass). */
    ONE_NUMBER,
    /**
     * A calibrated probability per candidate action (ARGMAX next best action): the model is an
     * {@link org.relgraph.models.rank.ActionRanker}, whose best eligible action is the recommendation.
     */
    ACTION_SCORES,
    /** A ranked list of items (LIST_DISTINCT links, or cf's items): written as RECOMMENDATION_1..k. */
    ITEM_LIST
}

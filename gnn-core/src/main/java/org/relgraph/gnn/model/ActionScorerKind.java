package org.relgraph.gnn.model;

/** How a {@link RankingGnn} turns an entity embedding into one logit per candidate action. */
public enum ActionScorerKind {
    /** {@link org.relgraph.gnn.nn.ActionScorer}: entity · (sum of component embeddings) + per-action bias. */
    DOT,
    /** {@link org.relgraph.gnn.nn.MlpActionScorer}: the dot scorer plus an MLP over [entity ; action codes]. */
    MLP,
    /**
     * {@link #MLP} that also reads, per (entity, action), features of the entity's own sampled history with that
     * action ({@link ActionFeatures}, e.g. how often it was shown through the same channel and accepted).
     */
    MLP_HISTORY
}

package org.relgraph.models.rank;

import java.util.List;

/**
 * A model's view as a recommender of a ranked list of items per entity (a LIST_DISTINCT GNN's referenced rows, cf's
 * items or actions): what {@code predict} writes as RECOMMENDATION_1..k.
 */
public interface ItemRecommender {
    /** What is ranked, for progress lines, e.g. {@code 500 candidate referenced rows [product_id]}. */
    String candidates();

    /**
     * Each entity's best items as of {@code asOfMs}, best first, as the query's OFFERING rule allows.
     *
     * @param bestScores receives each entity's score of its first item (the table's sort key)
     */
    List<List<String>> recommend(int[] entityRows, long asOfMs, double[] bestScores);
}

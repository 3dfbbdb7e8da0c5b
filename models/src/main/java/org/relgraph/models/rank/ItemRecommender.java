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

    /**
     * {@link #recommend(int[], long, double[])}, telling {@code scored} how many entities are scored so far: 0 as it
     * starts, then rising to {@code entityRows.length} after each batch for kinds that score in batches, else once at
     * the end.
     */
    default List<List<String>> recommend(int[] entityRows, long asOfMs, double[] bestScores,
                                         java.util.function.IntConsumer scored) {
        scored.accept(0);
        List<List<String>> items = recommend(entityRows, asOfMs, bestScores);
        scored.accept(entityRows.length);
        return items;
    }
}

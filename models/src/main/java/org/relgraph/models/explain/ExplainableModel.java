package org.relgraph.models.explain;

import java.util.List;
import java.util.function.IntConsumer;
import org.relgraph.models.EntityModel;

/**
 * A model whose scores {@code relgraph explain} and {@code predict --explain} can explain with integrated
 * gradients: the GNN predictor (binary, regression, multiclass) and the GNN next-best-action ranker (its
 * recommended action).
 */
public interface ExplainableModel extends EntityModel {
    @Override
    default java.util.Optional<ExplainableModel> asExplainable() {
        return java.util.Optional.of(this);
    }

    /**
     * Explains each entity's score as of {@code asOfMs}, keeping the {@code top} reasons (all when not positive);
     * {@code progress} hears the number explained so far after each entity.
     */
    List<EntityExplanation> explain(int[] entityRows, long asOfMs, int top, IntConsumer progress);

    /** Per entity, the {@code k} related rows whose connection moved the explained output most. */
    List<List<RowCredit>> explainRows(int[] entityRows, long asOfMs, int k);
}

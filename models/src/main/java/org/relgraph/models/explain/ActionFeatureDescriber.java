package org.relgraph.models.explain;

import java.util.List;

/** Names a model's features of one output (action) for explanations; see {@link ActionFeatureGroup}. */
public interface ActionFeatureDescriber {
    /**
     * @param action the explained output (action index)
     * @param values the features' values for the explained entity and action
     * @return groups covering every feature exactly once
     */
    List<ActionFeatureGroup> describe(int action, double[] values);
}

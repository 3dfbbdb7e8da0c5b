package org.relgraph.models.features;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything learnt from the training split that features depend on, so that val, test and later scoring compute
 * exactly the same columns: the options, the entity table's categorical dictionaries (codes are positions in
 * them, so a reloaded database with another dictionary order still gives the same codes) and, per
 * {@code path.column}, the categorical values that get their own count. Plain data, saved as JSON with a model.
 *
 * @param labelHistoryQuery the query whose past labels are features ({@link org.relgraph.query.LabelHistory}), or
 *                          null for none (and in specs saved before label history existed)
 */
public record FeatureSpec(String entityTable, FeatureOptions options, Map<String, List<String>> entityDictionaries,
                          Map<String, List<String>> topValues, String labelHistoryQuery) {
    public FeatureSpec {
        // Sorted so that the saved JSON is the same byte for byte on every run.
        entityDictionaries = Collections.unmodifiableMap(new TreeMap<>(entityDictionaries));
        topValues = Collections.unmodifiableMap(new TreeMap<>(topValues));
    }

    /** Without label history. */
    public FeatureSpec(String entityTable, FeatureOptions options, Map<String, List<String>> entityDictionaries,
                       Map<String, List<String>> topValues) {
        this(entityTable, options, entityDictionaries, topValues, null);
    }

    /** The same spec, with the past labels of {@code queryText} as features (null: none). */
    public FeatureSpec withLabelHistory(String queryText) {
        return new FeatureSpec(entityTable, options, entityDictionaries, topValues, queryText);
    }
}

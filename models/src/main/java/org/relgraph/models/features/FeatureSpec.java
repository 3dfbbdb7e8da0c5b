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
 */
public record FeatureSpec(String entityTable, FeatureOptions options, Map<String, List<String>> entityDictionaries,
                          Map<String, List<String>> topValues) {
    public FeatureSpec {
        // Sorted so that the saved JSON is the same byte for byte on every run.
        entityDictionaries = Collections.unmodifiableMap(new TreeMap<>(entityDictionaries));
        topValues = Collections.unmodifiableMap(new TreeMap<>(topValues));
    }
}

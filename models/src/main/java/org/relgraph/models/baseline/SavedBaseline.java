package org.relgraph.models.baseline;

import java.util.List;
import org.relgraph.models.features.FeatureSpec;
import org.relgraph.query.TaskType;

/**
 * The JSON saved next to XGBoost's own model file: enough to rebuild exactly the features the trees were trained on
 * and to read their output.
 *
 * @param predictor     which baseline wrote it, checked on load
 * @param bestIteration the last round used for prediction (early stopping's best)
 * @param classes       multiclass class codes in XGBoost's class order; empty otherwise
 */
record SavedBaseline(String predictor, FeatureSpec featureSpec, XgboostSettings settings, TaskType taskType,
                     List<String> featureNames, double[] classes, int bestIteration) {
    static final String FILE = "baseline.json";
}

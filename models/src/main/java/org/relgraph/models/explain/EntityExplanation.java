package org.relgraph.models.explain;

import java.util.List;

/**
 * Why the model scored one entity as it did, as of one time.
 *
 * @param table             the entity table
 * @param key               the entity's primary-key value
 * @param asOfMs            the time it was scored as of
 * @param explainedOutput   what the attributions add up to: "logit" (binary), "predicted value" (regression) or
 *                          "logit of class X" (multiclass: the predicted class)
 * @param score             the score a user sees (calibrated probability, value or class code)
 * @param output            f(input): the raw model output explained
 * @param baselineOutput    f(baseline): the output with nothing known (neutral inputs)
 * @param completenessDelta |Σ attributions − (output − baselineOutput)|: how well the path integral was computed
 * @param steps             intervals of the path integral
 * @param reasons           the top reasons, largest |attribution| first; shares are of all reasons, not only these
 * @param action            next best action: the action whose logit is explained (e.g. "Credit Card / mobile
 *                          app"), with {@code score} its acceptance probability; null for other tasks
 */
public record EntityExplanation(String table, String key, long asOfMs, String explainedOutput, double score,
                                double output, double baselineOutput, double completenessDelta, int steps,
                                List<Reason> reasons, String action) {
    public EntityExplanation {
        reasons = List.copyOf(reasons);
    }

    /** An explanation of a task without actions. */
    public EntityExplanation(String table, String key, long asOfMs, String explainedOutput, double score,
                             double output, double baselineOutput, double completenessDelta, int steps,
                             List<Reason> reasons) {
        this(table, key, asOfMs, explainedOutput, score, output, baselineOutput, completenessDelta, steps, reasons,
                null);
    }

    /** The same explanation, of the logit of {@code action}. */
    public EntityExplanation withAction(String action) {
        return new EntityExplanation(table, key, asOfMs, explainedOutput, score, output, baselineOutput,
                completenessDelta, steps, reasons, action);
    }

    /** The completeness delta relative to |output − baselineOutput|. */
    public double relativeCompletenessDelta() {
        return completenessDelta / Math.max(1e-12, Math.abs(output - baselineOutput));
    }
}

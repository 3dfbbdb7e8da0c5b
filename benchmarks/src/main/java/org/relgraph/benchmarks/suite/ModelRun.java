package org.relgraph.benchmarks.suite;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * One model on one task.
 *
 * @param status          {@code ok}, or why there is no number (e.g. "not supported yet: ...")
 * @param trainSeconds    fitting, including feature building and early stopping
 * @param inferMsPer1000  scoring entities as of the test anchor, per 1,000 entities
 * @param peakHeapMb      the JVM heap's peak while fitting, sampled (native memory of XGBoost, DuckDB and ND4J is
 *                        not in it: see {@code rssMb})
 * @param rssMb           the process's peak resident memory so far (Linux VmHWM), which only grows over a run
 * @param gains           test cumulative gains curve as (fraction contacted, fraction of positives captured)
 *                        points, binary tasks only
 * @param audit           the leakage audit's findings ({@code bench --leakage-audit}); null, and absent from
 *                        results.json, when the audit was not asked for or the model did not fit
 */
public record ModelRun(String task, String model, String status, Map<String, Double> val, Map<String, Double> test,
                       double trainSeconds, double inferMsPer1000, double peakHeapMb, double rssMb,
                       List<double[]> gains, @JsonInclude(JsonInclude.Include.NON_NULL) RunAudit audit) {
    static ModelRun unavailable(String task, String model, String why) {
        return new ModelRun(task, model, why, Map.of(), Map.of(), Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                List.of(), null);
    }

    boolean ok() {
        return status.equals("ok");
    }
}

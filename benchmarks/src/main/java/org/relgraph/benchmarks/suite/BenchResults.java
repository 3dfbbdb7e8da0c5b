package org.relgraph.benchmarks.suite;

import java.util.List;
import java.util.Map;

/**
 * Everything a run measured.
 *
 * @param notes  per task: its split sizes, or why it was skipped
 * @param oracle per task: the Bayes-optimal AUROC where the data generator knows it
 */
public record BenchResults(SuiteSettings settings, MachineInfo machine, List<BenchTask> tasks, List<ModelRun> runs,
                           Map<String, String> notes, Map<String, Double> oracle, double seconds) {
}

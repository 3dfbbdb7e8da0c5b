/**
 * The numbers {@code relgraph evaluate} and the benchmark suite report, and the probability calibration
 * {@code predict} applies. Static methods on primitive arrays, grouped by task kind: {@link
 * org.relgraph.metrics.BinaryMetrics}, {@link org.relgraph.metrics.BusinessMetrics} (with {@link
 * org.relgraph.metrics.GainsCurve}), {@link org.relgraph.metrics.RegressionMetrics}, {@link
 * org.relgraph.metrics.MulticlassMetrics}, {@link org.relgraph.metrics.RankingMetrics}; results that are printed
 * come as a {@link org.relgraph.metrics.MetricReport}.
 *
 * <p>Conventions shared by all of them:
 * <ul>
 *   <li>Binary labels are {@code boolean[]}, {@code true} for the positive class; classes are indices 0, 1, ...;
 *       ranked candidates and relevant items are {@code int[]} ids.</li>
 *   <li>A metric that is undefined on the data (AUROC with one class, R² of a constant truth) is NaN, printed as
 *       {@code n/a}; it is never replaced by a made-up 0 or 1. Malformed input (lengths differ, NaN scores,
 *       probabilities outside [0, 1]) throws {@link java.lang.IllegalArgumentException}.</li>
 *   <li>Equal scores are indistinguishable to the model, so every threshold metric treats a tie group as a unit
 *       (or shares it out pro rata), and results never depend on the input order.</li>
 * </ul>
 */
package org.relgraph.metrics;

package org.relgraph.gnn.explain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.relgraph.gnn.model.EmbeddedInputs;
import org.relgraph.gnn.model.GraphBatch;
import org.relgraph.gnn.model.DifferentiableGnn;
import org.relgraph.gnn.model.InputEncoder;
import org.relgraph.gnn.model.NodeInputs;
import org.relgraph.gnn.model.SampledBatch;
import org.relgraph.gnn.nn.EdgeIndex;
import org.relgraph.gnn.nn.EdgeKey;
import org.relgraph.gnn.nn.Matrices;

/**
 * Integrated gradients (Sundararajan et al., 2017) of one seed's raw output over its sampled subgraph: input i gets
 * {@code (x_i - x'_i) · ∫_0^1 ∂f(x' + α(x - x'))/∂x_i dα}, with x' the {@link AttributionBaseline}. A categorical
 * column's input is its embedding vector, so its attribution is the gradient at the node's summed embedding dotted
 * with (embedding of its code − embedding of the unknown code).
 *
 * <p>The integral is taken over points α from 0 to 1, whose end points give f(baseline) and f(input) themselves.
 * Not Gauss–Legendre: ReLU makes the integrand jump wherever a unit switches on or off along the path, which costs
 * Gauss–Legendre its edge (it needs no end points, so completeness could not even be checked). The same jumps make a
 * uniform trapezoid converge slowly, so {@link #explain(SampledBatch, int, int)} spends half its points where an
 * interval's trapezoid misses its own f(b) − f(a) (that interval holds a switch) and weights each interval's ends
 * by where the switch must lie.
 * <p>Every batch of points runs as one forward and backward over {@link SubgraphCopies disjoint copies} of the
 * subgraph, about a hundred times faster than one pass per point.
 *
 * <p>Runs the model in eval mode (no dropout) and restores its mode after; leaves parameter gradients zeroed, since
 * the backward pass also accumulates into them. Deterministic: the same model and batch give identical results.
 */
public final class IntegratedGradients {
    public static final int DEFAULT_STEPS = 50;
    /** Contribution key of the {@link DifferentiableGnn#outputFeatures output features}: no node type is empty. */
    private static final String OUTPUT_FEATURES = "";

    /** What "nothing known" means: the input each attribution is measured from. */
    public enum Baseline {
        /** {@link AttributionBaseline}: median numbers, unknown categories, rows dated at the seed's time. */
        NEUTRAL,
        /**
         * Every encoded input 0 and every categorical embedding the zero vector: the textbook baseline. Reads less
         * plainly (an all-zero time encoding is no particular age), offered for comparison with other tools.
         */
        ZERO
    }

    private final DifferentiableGnn model;
    private final Baseline baseline;

    /** Attributions against the {@link Baseline#NEUTRAL neutral} baseline. */
    public IntegratedGradients(DifferentiableGnn model) {
        this(model, Baseline.NEUTRAL);
    }

    public IntegratedGradients(DifferentiableGnn model, Baseline baseline) {
        this.model = model;
        this.baseline = baseline;
    }

    /** How an interval's two end-point gradients are weighted into the integral. */
    private enum Rule {
        /** Half each: exact where the gradient varies linearly. */
        TRAPEZOID,
        /**
         * Exact where the gradient is constant on either side of one switch inside the interval, as for a ReLU
         * unit turning on or off: the switch point c is where the weights (c − a, b − c) make the interval's path
         * derivatives sum to its observed output change f(b) − f(a); c is clamped to the interval when no such
         * point exists (several switches, or curvature from LayerNorm), which falls back towards the nearer end.
         */
        LOCATED_SWITCH
    }

    /** Explains output column 0 (the logit of a binary task) from {@value #DEFAULT_STEPS} steps. */
    public Explanation explain(SampledBatch seed) {
        return explain(seed, DEFAULT_STEPS, 0);
    }

    /**
     * The default estimate, at the cost of a uniform grid of {@code steps} intervals ({@code steps + 1} model
     * evaluations in about log2(steps) batched passes): half the points on a uniform grid, the other half bisecting
     * the intervals whose trapezoid misses their own output change the most (half the remaining budget per round),
     * integrated with the {@link Rule#LOCATED_SWITCH located-switch} rule. On a small trained ReLU model at 50 steps
     * this left a median completeness error of 0.07 % of |f(input) − f(baseline)| (29 of 30 seeds within 1 %),
     * against 1.8 % (7 of 30) for the uniform trapezoid; see IntegratedGradientsProbe.
     *
     * @param seed        the subgraph of exactly one seed
     * @param outputIndex the column of the model output to explain
     */
    public Explanation explain(SampledBatch seed, int steps, int outputIndex) {
        return explainBudgeted(seed, steps, outputIndex, Math.max(1, (steps + 1) / 2));
    }

    /**
     * Uniform grid of {@code steps} intervals and the plain trapezoid: the textbook estimate, whose error shrinks
     * slowly as {@code steps} grows because ReLU switches make the path non-smooth.
     */
    public Explanation explainUniform(SampledBatch seed, int steps, int outputIndex) {
        return onPath(seed, steps, outputIndex, Rule.TRAPEZOID, path -> path.evaluate(uniformGrid(steps)));
    }

    /** {@link #explain(SampledBatch, int, int)} starting from a uniform grid of {@code initialIntervals}. */
    Explanation explainBudgeted(SampledBatch seed, int steps, int outputIndex, int initialIntervals) {
        if (initialIntervals < 1 || initialIntervals > steps) {
            throw new IllegalArgumentException("initial intervals " + initialIntervals + " outside 1.." + steps);
        }
        return onPath(seed, steps, outputIndex, Rule.LOCATED_SWITCH, path -> budgeted(path, steps, initialIntervals));
    }

    /** A uniform grid of {@code initialIntervals}, then bisections of the worst intervals up to {@code steps}. */
    private static void budgeted(Path path, int steps, int initialIntervals) {
        path.evaluate(uniformGrid(initialIntervals));
        int remaining = steps - initialIntervals;
        while (remaining > 0) {
            double[] midpoints = worstIntervalMidpoints(path.points, Math.max(1, (remaining + 1) / 2));
            if (midpoints.length == 0) {
                break;
            }
            path.evaluate(midpoints);
            remaining -= midpoints.length;
        }
    }

    /**
     * Attribution to individual edges, i.e. to the neighbour rows whose messages they carry: every edge of the
     * subgraph gets a weight w scaling its message, integrated from w = 0 (no edges: the seed's own row alone) to
     * w = 1 (the subgraph as sampled), with the node inputs held at their actual values; the same
     * {@code steps}-evaluation schedule and rule as {@link #explain(SampledBatch, int, int)}. Complements the
     * input attributions: those say which values of a row mattered, these say how much the row's being connected
     * mattered.
     */
    public EdgeExplanation explainEdges(SampledBatch seed, int steps, int outputIndex) {
        List<TypePath> paths = typePaths(seed, steps);
        GraphBatch batch = seed.batch();
        model.condition(batch);
        boolean wasTraining = model.isTraining();
        model.eval();
        try {
            Path path = new Path((alphas, points) -> evaluateEdges(batch, paths, alphas, outputIndex, points));
            budgeted(path, steps, Math.max(1, (steps + 1) / 2));
            Map<String, double[]> totals = integrate(path.points, Rule.LOCATED_SWITCH);
            Map<EdgeKey, double[]> attributions = new LinkedHashMap<>();
            for (Map.Entry<EdgeKey, EdgeIndex> e : batch.edges().entrySet()) {
                attributions.put(e.getKey(), totals.getOrDefault(e.getKey().id(), new double[e.getValue().numEdges()]));
            }
            return new EdgeExplanation(outputIndex, path.points.size() - 1, path.points.lastEntry().getValue().output(),
                    path.points.firstEntry().getValue().output(), batch.edges(), attributions);
        } finally {
            model.zeroGrad();
            model.train(wasTraining);
        }
    }

    /** One batched pass with copy k's edges weighted alphas[k] and its inputs as they are. */
    private void evaluateEdges(GraphBatch batch, List<TypePath> paths, double[] alphas, int outputIndex,
                               TreeMap<Double, PathPoint> points) {
        SubgraphCopies union = new SubgraphCopies(batch, alphas.length);
        double[] ones = new double[alphas.length];
        Arrays.fill(ones, 1.0);
        Map<String, EmbeddedInputs> inputs = new LinkedHashMap<>();
        for (TypePath path : paths) {
            inputs.put(path.type, path.interpolated(union, ones));
        }
        INDArray out = model.forward(union.copies(), inputs, union.weightedEdges(alphas));
        model.inputGradients(unitGradient(out, union.copies(), outputIndex));
        Map<EdgeKey, double[]> grads = model.edgeWeightGradients();
        for (int k = 0; k < alphas.length; k++) {
            Map<String, double[]> contributions = new LinkedHashMap<>();
            for (Map.Entry<EdgeKey, EdgeIndex> e : batch.edges().entrySet()) {
                int m = e.getValue().numEdges();
                double[] g = grads.get(e.getKey());
                // (w − w') · ∂f/∂w with w − w' = 1 − 0
                contributions.put(e.getKey().id(), g == null ? new double[m] : Arrays.copyOfRange(g, k * m, (k + 1) * m));
            }
            points.put(alphas[k], PathPoint.of(out.getDouble(k, outputIndex), contributions));
        }
    }

    private static INDArray unitGradient(INDArray out, int copies, int outputIndex) {
        if (outputIndex < 0 || outputIndex >= out.size(1)) {
            throw new IllegalArgumentException("output " + outputIndex + " of " + out.size(1));
        }
        INDArray gradOut = Nd4j.zeros(out.dataType(), out.shape());
        for (int k = 0; k < copies; k++) {
            gradOut.putScalar(k, outputIndex, 1.0);
        }
        return gradOut;
    }

    private static double[] uniformGrid(int intervals) {
        double[] alphas = new double[intervals + 1];
        for (int k = 0; k <= intervals; k++) {
            alphas[k] = k == intervals ? 1.0 : (double) k / intervals;
        }
        return alphas;
    }

    /** Checks the seed, runs {@code schedule} on its path in eval mode, and integrates the points it evaluated. */
    private Explanation onPath(SampledBatch seed, int steps, int outputIndex, Rule rule,
                               java.util.function.Consumer<Path> schedule) {
        List<TypePath> paths = typePaths(seed, steps);
        GraphBatch batch = seed.batch();
        model.condition(batch);
        boolean wasTraining = model.isTraining();
        model.eval();
        try {
            double[] outputFeatures = model.outputFeatures(outputIndex);
            Path path = new Path((alphas, points) -> evaluate(batch, paths, outputFeatures, alphas, outputIndex,
                    points));
            schedule.accept(path);
            return explanation(paths, outputFeatures, path.points, rule, outputIndex, seed.globalRows());
        } finally {
            model.zeroGrad();
            model.train(wasTraining);
        }
    }

    private List<TypePath> typePaths(SampledBatch seed, int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be positive, got " + steps);
        }
        GraphBatch batch = seed.batch();
        if (batch.seedCount() != 1) {
            throw new IllegalArgumentException("expected the subgraph of one seed, got " + batch.seedCount());
        }
        List<TypePath> paths = new ArrayList<>();
        for (Map.Entry<String, NodeInputs> entry : batch.nodes().entrySet()) {
            paths.add(new TypePath(entry.getKey(), entry.getValue(), model.inputEncoder(entry.getKey()), baseline));
        }
        return paths;
    }

    /** The points evaluated so far on one seed's path, and how to evaluate more. */
    private static final class Path {
        final TreeMap<Double, PathPoint> points = new TreeMap<>();
        private final java.util.function.BiConsumer<double[], TreeMap<Double, PathPoint>> evaluator;

        Path(java.util.function.BiConsumer<double[], TreeMap<Double, PathPoint>> evaluator) {
            this.evaluator = evaluator;
        }

        void evaluate(double[] alphas) {
            evaluator.accept(alphas, points);
        }
    }

    /**
     * The output, the per-input gradient·(x − x') and their sum (the derivative of f along the path) at one α.
     */
    private record PathPoint(double output, Map<String, double[]> contributions, double directionalDerivative) {
        static PathPoint of(double output, Map<String, double[]> contributions) {
            double sum = 0;
            for (double[] c : contributions.values()) {
                for (double v : c) {
                    sum += v;
                }
            }
            return new PathPoint(output, contributions, sum);
        }
    }

    /** One batched forward and backward at every α of {@code alphas}, added to {@code points}. */
    private void evaluate(GraphBatch batch, List<TypePath> paths, double[] outputFeatures, double[] alphas,
                          int outputIndex, TreeMap<Double, PathPoint> points) {
        SubgraphCopies union = new SubgraphCopies(batch, alphas.length);
        if (outputFeatures != null) {
            model.outputFeaturePath(outputIndex, alphas);
        }
        Map<String, EmbeddedInputs> inputs = new LinkedHashMap<>();
        for (TypePath path : paths) {
            inputs.put(path.type, path.interpolated(union, alphas));
        }
        INDArray out = model.forward(union.copies(), inputs, union.edges());
        Map<String, EmbeddedInputs> grads = model.inputGradients(unitGradient(out, union.copies(), outputIndex));
        Map<String, double[]> featureGrads = new LinkedHashMap<>();
        Map<String, double[]> embeddingGrads = new LinkedHashMap<>();
        for (TypePath path : paths) {
            EmbeddedInputs g = grads.get(path.type);
            featureGrads.put(path.type, g == null ? null : Matrices.rowMajor(g.features()));
            embeddingGrads.put(path.type, g == null ? null : Matrices.rowMajor(g.categoryEmbedding()));
        }
        double[][] outputFeatureGrads = outputFeatures == null ? null : model.outputFeatureGradients();
        for (int k = 0; k < alphas.length; k++) {
            Map<String, double[]> contributions = new LinkedHashMap<>();
            for (TypePath path : paths) {
                contributions.put(path.type, path.contributions(featureGrads.get(path.type),
                        embeddingGrads.get(path.type), union, k));
            }
            if (outputFeatures != null) {
                double[] c = new double[outputFeatures.length];
                for (int j = 0; outputFeatureGrads != null && j < c.length; j++) {
                    c[j] = outputFeatures[j] * outputFeatureGrads[k][j]; // (x − 0) · ∂f/∂x
                }
                contributions.put(OUTPUT_FEATURES, c);
            }
            points.put(alphas[k], PathPoint.of(out.getDouble(k, outputIndex), contributions));
        }
    }

    /**
     * Midpoints of the at most {@code limit} intervals whose trapezoid differs most from their own output change,
     * i.e. that most likely hold a ReLU switching; ties broken by position, for determinism.
     */
    private static double[] worstIntervalMidpoints(TreeMap<Double, PathPoint> points, int limit) {
        List<double[]> intervals = new ArrayList<>(); // {error, a, b}
        Map.Entry<Double, PathPoint> prev = null;
        for (Map.Entry<Double, PathPoint> p : points.entrySet()) {
            if (prev != null) {
                double a = prev.getKey();
                double b = p.getKey();
                double trapezoid = 0.5 * (b - a)
                        * (prev.getValue().directionalDerivative() + p.getValue().directionalDerivative());
                double error = Math.abs(trapezoid - (p.getValue().output - prev.getValue().output));
                double mid = 0.5 * (a + b);
                if (error > 0 && mid > a && mid < b) {
                    intervals.add(new double[] {error, a, b});
                }
            }
            prev = p;
        }
        intervals.sort((x, y) -> x[0] != y[0] ? Double.compare(y[0], x[0]) : Double.compare(x[1], y[1]));
        return intervals.stream().limit(limit).mapToDouble(iv -> 0.5 * (iv[1] + iv[2])).sorted().toArray();
    }

    /** The integral over the (possibly uneven) points, each interval weighting its two ends by {@code rule}. */
    private static Explanation explanation(List<TypePath> paths, double[] outputFeatures,
                                           TreeMap<Double, PathPoint> points, Rule rule, int outputIndex,
                                           Map<String, int[]> globalRows) {
        Map<String, double[]> totals = integrate(points, rule);
        List<NodeAttribution> nodes = new ArrayList<>();
        for (TypePath path : paths) {
            nodes.addAll(path.attributions(totals.get(path.type), globalRows.get(path.type)));
        }
        return new Explanation(outputIndex, points.size() - 1, points.lastEntry().getValue().output(),
                points.firstEntry().getValue().output(), nodes,
                outputFeatures == null ? new double[0] : outputFeatures.clone(),
                outputFeatures == null ? new double[0] : totals.get(OUTPUT_FEATURES));
    }

    /** Per contribution key, Σ over points of weight × contribution, each interval weighting its ends by {@code rule}. */
    private static Map<String, double[]> integrate(TreeMap<Double, PathPoint> points, Rule rule) {
        Double[] alphas = points.keySet().toArray(new Double[0]);
        double[] weights = new double[alphas.length];
        for (int p = 0; p + 1 < alphas.length; p++) {
            double h = alphas[p + 1] - alphas[p];
            double left = 0.5 * h;
            if (rule == Rule.LOCATED_SWITCH) {
                PathPoint a = points.get(alphas[p]);
                PathPoint b = points.get(alphas[p + 1]);
                double da = a.directionalDerivative();
                double db = b.directionalDerivative();
                if (Math.abs(da - db) > 1e-12) {
                    left = Math.max(0, Math.min(h, (b.output() - a.output() - h * db) / (da - db)));
                }
            }
            weights[p] += left;
            weights[p + 1] += h - left;
        }
        Map<String, double[]> totals = new LinkedHashMap<>();
        for (int p = 0; p < alphas.length; p++) {
            double weight = weights[p];
            for (Map.Entry<String, double[]> c : points.get(alphas[p]).contributions().entrySet()) {
                double[] total = totals.computeIfAbsent(c.getKey(), t -> new double[c.getValue().length]);
                for (int i = 0; i < total.length; i++) {
                    total[i] += weight * c.getValue()[i];
                }
            }
        }
        return totals;
    }

    /**
     * One node type's straight path from baseline to input. Its per-point contributions are laid out per node:
     * the feature columns, then the categorical columns.
     */
    private static final class TypePath {
        final String type;
        final int n;
        final int width;
        final int columns;
        final DataType dtype;
        final double[][] input;
        final double[][] baseline;
        final double[][] embeddingSum;
        final double[][] baselineEmbeddingSum;
        final double[][][] embeddingDelta; // [column][node][hidden]

        TypePath(String type, NodeInputs in, InputEncoder encoder, Baseline kind) {
            this.type = type;
            this.n = in.size();
            this.width = (int) in.features().size(1);
            this.dtype = in.features().dataType();
            this.input = Matrices.rows(in.features());
            this.baseline = kind == Baseline.ZERO ? new double[n][width]
                    : Matrices.rows(AttributionBaseline.features(in));
            int hidden = encoder.hidden();
            columns = encoder.categoricalCount();
            embeddingSum = new double[n][hidden];
            baselineEmbeddingSum = new double[n][hidden];
            embeddingDelta = new double[columns][][];
            int[] baselineCodes = new int[n];
            Arrays.fill(baselineCodes, AttributionBaseline.CATEGORY_CODE);
            for (int j = 0; j < columns; j++) {
                double[][] e = Matrices.rows(encoder.embed(j, in.categoryCodes()[j]));
                double[][] b = kind == Baseline.ZERO ? new double[n][hidden]
                        : Matrices.rows(encoder.embed(j, baselineCodes));
                embeddingDelta[j] = new double[n][hidden];
                for (int i = 0; i < n; i++) {
                    for (int d = 0; d < hidden; d++) {
                        embeddingSum[i][d] += e[i][d];
                        baselineEmbeddingSum[i][d] += b[i][d];
                        embeddingDelta[j][i][d] = e[i][d] - b[i][d];
                    }
                }
            }
        }

        /** The inputs of every copy: copy k at {@code alphas[k]}, exactly the baseline at 0 and the input at 1. */
        EmbeddedInputs interpolated(SubgraphCopies union, double[] alphas) {
            return new EmbeddedInputs(stack(input, baseline, union, alphas),
                    stack(embeddingSum, baselineEmbeddingSum, union, alphas));
        }

        private INDArray stack(double[][] end, double[][] start, SubgraphCopies union, double[] alphas) {
            int w = end[0].length;
            double[] out = new double[union.rows(type) * w];
            for (int k = 0; k < alphas.length; k++) {
                double alpha = alphas[k];
                for (int i = 0; i < n; i++) {
                    int at = union.row(type, k, i) * w;
                    for (int c = 0; c < w; c++) {
                        out[at + c] = alpha == 1.0 ? end[i][c] : start[i][c] + alpha * (end[i][c] - start[i][c]);
                    }
                }
            }
            return Nd4j.create(out, new long[] {union.rows(type), w}, 'c').castTo(dtype);
        }

        /** Per input of copy {@code copy}: gradient · (x − x'); zeros where no gradient flowed. */
        double[] contributions(double[] featureGrad, double[] embeddingGrad, SubgraphCopies union, int copy) {
            int stride = width + columns;
            double[] out = new double[n * stride];
            if (featureGrad == null) {
                return out;
            }
            for (int i = 0; i < n; i++) {
                int row = union.row(type, copy, i);
                for (int c = 0; c < width; c++) {
                    out[i * stride + c] = (input[i][c] - baseline[i][c]) * featureGrad[row * width + c];
                }
                for (int j = 0; j < columns; j++) {
                    double sum = 0;
                    double[] delta = embeddingDelta[j][i];
                    int at = row * delta.length;
                    for (int d = 0; d < delta.length; d++) {
                        sum += delta[d] * embeddingGrad[at + d];
                    }
                    out[i * stride + width + j] = sum;
                }
            }
            return out;
        }

        List<NodeAttribution> attributions(double[] totals, int[] globalRows) {
            int stride = width + columns;
            List<NodeAttribution> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(new NodeAttribution(type, i, globalRows[i],
                        Arrays.copyOfRange(totals, i * stride, i * stride + width),
                        Arrays.copyOfRange(totals, i * stride + width, (i + 1) * stride)));
            }
            return out;
        }
    }
}

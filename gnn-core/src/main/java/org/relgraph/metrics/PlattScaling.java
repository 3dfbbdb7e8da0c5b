package org.relgraph.metrics;

/**
 * Platt scaling: calibrated probability = sigmoid(slope · x + intercept), a logistic regression on one feature x.
 * On probabilities x is logit(p), so slope 1 and intercept 0 is the identity and the fit can only bend the
 * probabilities (sharpen or soften, shift up or down); on raw scores x is the score itself.
 *
 * @param input     what {@link #apply} expects
 * @param slope     the fitted coefficient of x
 * @param intercept the fitted constant
 */
public record PlattScaling(Input input, double slope, double intercept) implements ProbabilityCalibration {

    /** What the calibration is fitted on and applied to. */
    public enum Input {
        /** Probabilities in [0, 1]; x = logit(p), with p clipped to [1e-15, 1 − 1e-15]. */
        PROBABILITY,
        /** Any real score, such as a logit or a margin; x = the score. */
        SCORE
    }

    /**
     * Pull of the fit towards the identity (on probabilities) or towards a constant 0.5 (on scores), as an L2
     * penalty λ/2 · ((slope − slope₀)² + intercept²) on the summed log loss. Negligible next to any real validation
     * set, but it keeps the optimum finite when the validation labels are perfectly separated or all one class,
     * where the unpenalised slope or intercept would run off to infinity.
     */
    static final double L2 = 1e-3;

    private static final double CLIP = 1e-15;
    private static final int MAX_ITERATIONS = 100;

    public PlattScaling {
        if (input == null || !Double.isFinite(slope) || !Double.isFinite(intercept)) {
            throw new IllegalArgumentException("invalid Platt scaling " + input + ", " + slope + ", " + intercept);
        }
    }

    /** Fits on validation probabilities and their labels. */
    public static PlattScaling fitOnProbabilities(double[] probabilities, boolean[] labels) {
        BinaryMetrics.checkProbabilities(probabilities, labels);
        double[] x = new double[probabilities.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = logit(probabilities[i]);
        }
        double[] fit = fit(x, labels, 1.0);
        return new PlattScaling(Input.PROBABILITY, fit[0], fit[1]);
    }

    /** Fits on validation scores (any real values) and their labels. */
    public static PlattScaling fitOnScores(double[] scores, boolean[] labels) {
        MetricInputs.requireSameLength(scores.length, labels.length, "scores and labels");
        MetricInputs.requireNonEmpty(scores.length, "scores");
        MetricInputs.requireFinite(scores, "scores");
        double[] fit = fit(scores, labels, 0.0);
        return new PlattScaling(Input.SCORE, fit[0], fit[1]);
    }

    @Override
    public double apply(double output) {
        double x;
        if (input == Input.PROBABILITY) {
            if (!(output >= 0 && output <= 1)) {
                throw new IllegalArgumentException(output + " is not a probability");
            }
            x = logit(output);
        } else {
            if (!Double.isFinite(output)) {
                throw new IllegalArgumentException("score is " + output);
            }
            x = output;
        }
        return sigmoid(slope * x + intercept);
    }

    /**
     * Newton's method (IRLS) on the penalised log loss, with step halving so every step lowers it. Two parameters,
     * so the Hessian is a 2×2 solved in closed form; the L2 term keeps it positive definite.
     *
     * @return {slope, intercept}
     */
    private static double[] fit(double[] x, boolean[] labels, double slopePrior) {
        double a = slopePrior;
        double b = 0;
        double loss = penalisedLoss(x, labels, a, b, slopePrior);
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double ga = L2 * (a - slopePrior);
            double gb = L2 * b;
            double haa = L2;
            double hab = 0;
            double hbb = L2;
            for (int i = 0; i < x.length; i++) {
                double p = sigmoid(a * x[i] + b);
                double residual = p - (labels[i] ? 1 : 0);
                double w = p * (1 - p);
                ga += residual * x[i];
                gb += residual;
                haa += w * x[i] * x[i];
                hab += w * x[i];
                hbb += w;
            }
            double det = haa * hbb - hab * hab;
            double da = (hbb * ga - hab * gb) / det;
            double db = (haa * gb - hab * ga) / det;
            double step = 1;
            double nextLoss = penalisedLoss(x, labels, a - da, b - db, slopePrior);
            while (nextLoss > loss && step > 1e-10) {
                step /= 2;
                nextLoss = penalisedLoss(x, labels, a - step * da, b - step * db, slopePrior);
            }
            if (nextLoss > loss) {
                break; // no descent left at machine precision: converged
            }
            a -= step * da;
            b -= step * db;
            boolean converged = loss - nextLoss <= 1e-12 * Math.max(1, loss);
            loss = nextLoss;
            if (converged) {
                break;
            }
        }
        return new double[] {a, b};
    }

    private static double penalisedLoss(double[] x, boolean[] labels, double a, double b, double slopePrior) {
        double sum = 0.5 * L2 * ((a - slopePrior) * (a - slopePrior) + b * b);
        for (int i = 0; i < x.length; i++) {
            double z = a * x[i] + b;
            // log(1 + e^z) − y·z, written to stay finite for large |z|.
            double softplus = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
            sum += softplus - (labels[i] ? z : 0);
        }
        return sum;
    }

    private static double logit(double p) {
        double q = Math.min(Math.max(p, CLIP), 1 - CLIP);
        return Math.log(q / (1 - q));
    }

    private static double sigmoid(double z) {
        if (z >= 0) {
            return 1 / (1 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1 + e);
    }
}

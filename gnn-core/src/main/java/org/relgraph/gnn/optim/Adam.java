package org.relgraph.gnn.optim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.relgraph.gnn.nn.Parameter;

/**
 * Adam with bias correction, optional decoupled weight decay (AdamW: decay is applied to the
 * weights directly, not mixed into the adaptive gradient) and optional clipping of the global
 * gradient norm before the update.
 */
public final class Adam {
    /**
     * @param maxGradNorm clip the global L2 norm of all gradients to this value; 0 or less disables
     */
    public record Config(double learningRate, double beta1, double beta2, double eps, double weightDecay,
                         double maxGradNorm) {
        public Config {
            if (!(learningRate > 0)) {
                throw new IllegalArgumentException("learning rate must be > 0, got " + learningRate);
            }
            if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1)) {
                throw new IllegalArgumentException("betas must be in [0, 1), got " + beta1 + ", " + beta2);
            }
            if (weightDecay < 0) {
                throw new IllegalArgumentException("weight decay must be >= 0, got " + weightDecay);
            }
        }

        public static Config of(double learningRate) {
            return new Config(learningRate, 0.9, 0.999, 1e-8, 0.0, 0.0);
        }

        public Config withWeightDecay(double wd) {
            return new Config(learningRate, beta1, beta2, eps, wd, maxGradNorm);
        }

        public Config withMaxGradNorm(double norm) {
            return new Config(learningRate, beta1, beta2, eps, weightDecay, norm);
        }
    }

    private final Config config;
    private final List<Parameter> parameters;
    private final List<INDArray> firstMoment = new ArrayList<>();
    private final List<INDArray> secondMoment = new ArrayList<>();
    private int step;
    private double lastGradNorm = Double.NaN;
    /** Every weight, gradient and moment a dense FLOAT array of its own: {@link #step} may update them on heap. */
    private final boolean denseFloat;
    private final float[][] gradScratch;
    /**
     * One parameter's weights and moments while {@link #stepOnHeap} updates them, sized for the largest parameter
     * and reused: fresh arrays per parameter and step were a fifth of a training step's heap garbage (13 MB a step
     * at hidden 128 on rel-f1), which made the garbage collector grow the heap.
     */
    private final float[] weightScratch;
    private final float[] firstScratch;
    private final float[] secondScratch;

    public Adam(List<Parameter> parameters, Config config) {
        this.parameters = List.copyOf(parameters);
        this.config = config;
        for (Parameter p : this.parameters) {
            firstMoment.add(p.value().ulike().assign(0));
            secondMoment.add(p.value().ulike().assign(0));
        }
        boolean dense = true;
        for (int i = 0; i < this.parameters.size(); i++) {
            Parameter p = this.parameters.get(i);
            dense &= ownsItsBuffer(p.value()) && ownsItsBuffer(p.grad()) && ownsItsBuffer(firstMoment.get(i))
                    && ownsItsBuffer(secondMoment.get(i));
        }
        denseFloat = dense;
        gradScratch = new float[dense ? this.parameters.size() : 0][];
        int largest = 0;
        for (int i = 0; i < gradScratch.length; i++) {
            gradScratch[i] = new float[(int) this.parameters.get(i).value().length()];
            largest = Math.max(largest, gradScratch[i].length);
        }
        weightScratch = new float[largest];
        firstScratch = new float[largest];
        secondScratch = new float[largest];
    }

    private static boolean ownsItsBuffer(INDArray a) {
        return a.dataType() == DataType.FLOAT && !a.isView() && a.ordering() == 'c' && a.offset() == 0
                && a.data().length() == a.length();
    }

    public Config config() {
        return config;
    }

    /** Number of updates applied so far. */
    public int stepCount() {
        return step;
    }

    /** Global gradient norm seen by the last {@link #step()} (before clipping); useful for logging. */
    public double lastGradNorm() {
        return lastGradNorm;
    }

    /** Applies one update from the accumulated gradients. Gradients are left as they are; call {@link #zeroGrad()}. */
    public void step() {
        step++;
        double b1 = config.beta1();
        double b2 = config.beta2();
        double lrCorrected = config.learningRate() * Math.sqrt(1 - Math.pow(b2, step)) / (1 - Math.pow(b1, step));
        double epsCorrected = config.eps() * Math.sqrt(1 - Math.pow(b2, step));
        if (denseFloat) {
            stepOnHeap(lrCorrected, epsCorrected);
            return;
        }
        double gradScale = clipScale();
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            INDArray g = gradScale == 1.0 ? p.grad() : p.grad().mul(gradScale);
            INDArray m = firstMoment.get(i).muli(b1).addi(g.mul(1 - b1));
            INDArray v = secondMoment.get(i).muli(b2).addi(g.mul(g).muli(1 - b2));
            if (config.weightDecay() > 0) {
                p.value().muli(1 - config.learningRate() * config.weightDecay());
            }
            // lr·m̂/(√v̂ + ε) rewritten with the corrections folded into lr and ε (as in the Adam paper, sec. 2).
            p.value().subi(m.div(Transforms.sqrt(v, true).addi(epsCorrected)).muli(lrCorrected));
        }
    }

    /**
     * The same update as one loop per parameter over copies of its buffers: about eight ND4J ops per parameter cost
     * 25-35 ms a step on the 94-parameter bank model (op overhead, not arithmetic: 555k weights in all), this about 3.
     */
    private void stepOnHeap(double lrCorrected, double epsCorrected) {
        double sumSq = 0;
        for (int i = 0; i < parameters.size(); i++) {
            float[] g = gradScratch[i];
            parameters.get(i).grad().data().asNioFloat().get(0, g);
            for (float x : g) {
                sumSq += (double) x * x;
            }
        }
        lastGradNorm = Math.sqrt(sumSq);
        float gradScale = config.maxGradNorm() > 0 && lastGradNorm > config.maxGradNorm()
                ? (float) (config.maxGradNorm() / lastGradNorm) : 1f;
        float b1 = (float) config.beta1();
        float b2 = (float) config.beta2();
        float decay = (float) (1 - config.learningRate() * config.weightDecay());
        boolean decaying = config.weightDecay() > 0;
        float lr = (float) lrCorrected;
        float eps = (float) epsCorrected;
        for (int i = 0; i < parameters.size(); i++) {
            FloatBuffer wBuf = parameters.get(i).value().data().asNioFloat();
            FloatBuffer mBuf = firstMoment.get(i).data().asNioFloat();
            FloatBuffer vBuf = secondMoment.get(i).data().asNioFloat();
            float[] g = gradScratch[i];
            int n = g.length;
            float[] w = weightScratch;
            float[] m = firstScratch;
            float[] v = secondScratch;
            wBuf.get(0, w, 0, n);
            mBuf.get(0, m, 0, n);
            vBuf.get(0, v, 0, n);
            for (int k = 0; k < n; k++) {
                float gk = g[k] * gradScale;
                m[k] = b1 * m[k] + (1 - b1) * gk;
                v[k] = b2 * v[k] + (1 - b2) * gk * gk;
                float wk = decaying ? w[k] * decay : w[k];
                w[k] = wk - lr * m[k] / ((float) Math.sqrt(v[k]) + eps);
            }
            wBuf.put(0, w, 0, n);
            mBuf.put(0, m, 0, n);
            vBuf.put(0, v, 0, n);
        }
    }

    /**
     * What the next {@link #step()} depends on besides the weights and gradients: the step count (bias correction)
     * and both moments, by parameter name. Copies, so later steps do not change a captured state.
     */
    public State state() {
        Map<String, INDArray> m = new LinkedHashMap<>();
        Map<String, INDArray> v = new LinkedHashMap<>();
        for (int i = 0; i < parameters.size(); i++) {
            m.put(parameters.get(i).name(), firstMoment.get(i).dup());
            v.put(parameters.get(i).name(), secondMoment.get(i).dup());
        }
        return new State(step, m, v);
    }

    /** Continues from a captured state, as if the steps behind it had been taken by this optimiser. */
    public void restore(State state) {
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            INDArray m = state.firstMoment().get(p.name());
            INDArray v = state.secondMoment().get(p.name());
            if (m == null || v == null || !Arrays.equals(m.shape(), p.value().shape())
                    || !Arrays.equals(v.shape(), p.value().shape())) {
                throw new IllegalArgumentException("the optimiser state has no moments of shape "
                        + Arrays.toString(p.value().shape()) + " for parameter '" + p.name() + "'");
            }
            firstMoment.get(i).assign(m.castTo(p.value().dataType()));
            secondMoment.get(i).assign(v.castTo(p.value().dataType()));
        }
        if (state.firstMoment().size() != parameters.size()) {
            throw new IllegalArgumentException("the optimiser state has moments for " + state.firstMoment().size()
                    + " parameters, this optimiser has " + parameters.size());
        }
        step = state.step();
    }

    /** Adam's state between steps; see {@link #state()}. */
    public record State(int step, Map<String, INDArray> firstMoment, Map<String, INDArray> secondMoment) {
        public State {
            firstMoment = Collections.unmodifiableMap(new LinkedHashMap<>(firstMoment));
            secondMoment = Collections.unmodifiableMap(new LinkedHashMap<>(secondMoment));
        }
    }

    public void zeroGrad() {
        for (Parameter p : parameters) {
            p.zeroGrad();
        }
    }

    private double clipScale() {
        double sumSq = 0;
        for (Parameter p : parameters) {
            double n = p.grad().norm2Number().doubleValue();
            sumSq += n * n;
        }
        lastGradNorm = Math.sqrt(sumSq);
        if (config.maxGradNorm() > 0 && lastGradNorm > config.maxGradNorm()) {
            return config.maxGradNorm() / lastGradNorm;
        }
        return 1.0;
    }
}

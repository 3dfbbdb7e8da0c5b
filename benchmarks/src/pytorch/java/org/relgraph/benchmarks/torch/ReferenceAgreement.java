package org.relgraph.benchmarks.torch;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.relgraph.gnn.model.GraphBatch;
import org.relgraph.gnn.model.HeteroGnn;
import org.relgraph.gnn.model.PredictionHead;
import org.relgraph.gnn.nn.Parameter;

/**
 * How far {@link TorchHeteroSage} is from the {@link HeteroGnn} it copied, on one batch, with dropout off: the
 * outputs, and every parameter's gradient of the binary loss. Timing the two only compares like with like when these
 * are at float rounding.
 *
 * @param maxLogitDifference  largest |ours − torch| over the seeds' logits
 * @param logitSpan           max − min of our logits, for scale
 * @param worstGradientRatio  over parameters, max |ours − torch| / max |ours| of that parameter's gradient
 * @param worstParameter      the parameter with that ratio
 * @param parameters          how many parameters were compared
 */
public record ReferenceAgreement(double maxLogitDifference, double logitSpan, double worstGradientRatio,
                                 String worstParameter, int parameters) {

    /** Leaves both models' gradients at zero and {@code ours} in training mode. */
    public static ReferenceAgreement measure(HeteroGnn ours, TorchHeteroSage torch, PredictionHead head,
                                             GraphBatch batch, double[] labels, NDManager root) {
        ours.eval();
        ours.zeroGrad();
        INDArray ourLogits = ours.forward(batch);
        float[] a = ourLogits.castTo(DataType.FLOAT).dup('c').data().asFloat();
        ours.backward(head.loss(ourLogits, labels).gradient());
        double logitDifference;
        double worst = 0;
        String worstName = "";
        try (NDManager scratch = root.newSubManager()) {
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray logits = torch.forward(batch, false, scratch);
                logitDifference = maxDifference(a, logits.toFloatArray());
                collector.backward(TorchHeteroSage.binaryLoss(logits, TorchHeteroSage.floats(labels),
                        head.positiveWeight(), scratch));
            }
            for (Parameter p : ours.parameters()) {
                NDArray g = torch.parameters().get(p.name()).getGradient();
                g.attach(scratch);
                INDArray mine = TorchHeteroSage.isTransposed(p.name()) ? p.grad().transpose() : p.grad();
                float[] m = mine.castTo(DataType.FLOAT).dup('c').data().asFloat();
                double ratio = maxDifference(m, g.toFloatArray()) / Math.max(1e-12, maxAbs(m));
                if (ratio > worst) {
                    worst = ratio;
                    worstName = p.name();
                }
                g.muli(0f);
            }
        }
        ours.zeroGrad();
        ours.train(true);
        return new ReferenceAgreement(logitDifference, span(a), worst, worstName, ours.parameters().size());
    }

    /** Outputs within 1e-4 of the logits' span (at least 1) and every gradient within 1e-3 of its largest entry. */
    public boolean agrees() {
        return maxLogitDifference <= 1e-4 * Math.max(1, logitSpan) && worstGradientRatio <= 1e-3;
    }

    /** @throws IllegalStateException unless {@link #agrees()}: timing the two would compare different work */
    public void require() {
        if (!agrees()) {
            throw new IllegalStateException("the PyTorch model does not compute what ours does on this data, so "
                    + "timing them would compare different work: " + this);
        }
    }

    /** One line for a reader of the timings. */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "same weights, dropout off: max |logit difference| %.2e (logits "
                + "span %.3f); worst gradient difference %.2e of its largest entry (%s) over %d parameters",
                maxLogitDifference, logitSpan, worstGradientRatio, worstParameter, parameters);
    }

    private static double maxDifference(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalStateException("lengths differ: " + a.length + " vs " + b.length);
        }
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - b[i]));
        }
        return worst;
    }

    private static double maxAbs(float[] a) {
        double m = 0;
        for (float v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    private static double span(float[] a) {
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        for (float v : a) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        return hi - lo;
    }
}

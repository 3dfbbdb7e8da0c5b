package org.relgraph.benchmarks.torch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam as {@code torch.optim.Adam(foreach=False)} runs it: per parameter, in-place moment updates and a bias-corrected
 * step, no weight decay, no clipping (as the probes' own Adam runs).
 */
final class TorchAdam {
    private final List<NDArray> params;
    private final List<NDArray> firstMoments = new ArrayList<>();
    private final List<NDArray> secondMoments = new ArrayList<>();
    private final float learningRate;
    private final float beta1 = 0.9f;
    private final float beta2 = 0.999f;
    private final float eps = 1e-8f;
    private int step;

    TorchAdam(List<NDArray> params, double learningRate, NDManager manager) {
        this.params = List.copyOf(params);
        this.learningRate = (float) learningRate;
        for (NDArray p : params) {
            firstMoments.add(manager.zeros(p.getShape()));
            secondMoments.add(manager.zeros(p.getShape()));
        }
    }

    /** Applies the gradients of the last backward and zeroes them; temporaries go to {@code scratch}. */
    void step(NDManager scratch) {
        step++;
        float correction1 = 1 - (float) Math.pow(beta1, step);
        float correction2 = 1 - (float) Math.pow(beta2, step);
        float stepSize = learningRate / correction1;
        for (int i = 0; i < params.size(); i++) {
            NDArray g = params.get(i).getGradient();
            g.attach(scratch);
            NDArray m = firstMoments.get(i);
            NDArray v = secondMoments.get(i);
            m.muli(beta1).addi(g.mul(1 - beta1));
            v.muli(beta2).addi(g.mul(g).muli(1 - beta2));
            // Results belong to the left operand's manager: keep the temporaries in scratch, not with the moments.
            NDArray vHat = v.div(correction2);
            vHat.attach(scratch);
            NDArray update = m.div(vHat.sqrt().addi(eps));
            update.attach(scratch);
            params.get(i).subi(update.muli(stepSize));
            g.muli(0f);
        }
    }
}

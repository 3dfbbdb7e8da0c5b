package org.relgraph.gnn.nn;

import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The node-level update of one node type in a {@link HeteroLayer}, the same whatever the convolution:
 *
 * <pre>
 *   z  = W_root · h + (what the relations into this type delivered, added by {@link HeteroConv})
 *   h' = dropout(activation(norm(z)))  (+ h when residual)
 * </pre>
 *
 * Norm, activation and dropout are separate {@link Layer} blocks applied in that order; with LayerNorm followed by
 * ReLU, the default, the two run fused as {@link LayerNorm#thenRelu} (same parameters and names) and the activation
 * block is the identity.
 */
public final class NodeUpdate extends Module {
    private final Linear root;
    private final List<Layer> blocks;
    private final boolean residual;
    private INDArray lastInput;

    /**
     * Registers root, norm, activation and dropout as children in that order and draws the dropout's seed after the
     * root's weights: parameter order, initial weights and dropout streams are those of the layer before it was
     * split into blocks, so a seed still gives the same model.
     *
     * @param residual whether to add the input to the output (only when input and output widths agree)
     */
    public NodeUpdate(String name, int inDim, int outDim, boolean layerNorm, Activation activation, double dropout,
                      boolean residual, DataType dtype, SplittableRandom rng) {
        if (residual && inDim != outDim) {
            throw new IllegalArgumentException("a residual needs equal widths, got " + inDim + " -> " + outDim);
        }
        this.residual = residual;
        root = addChild(new Linear(name + ".root", inDim, outDim, true, dtype, rng));
        boolean fuse = layerNorm && activation == Activation.RELU;
        Layer norm = addChild(!layerNorm ? new Identity()
                : fuse ? LayerNorm.thenRelu(name + ".norm", outDim, dtype)
                : new LayerNorm(name + ".norm", outDim, dtype));
        Layer act = addChild(fuse ? new Identity() : activation.newLayer());
        Layer drop = addChild(new Dropout(dropout, rng.nextLong()));
        blocks = List.of(norm, act, drop);
    }

    /** @return [rows, outDim], the root transform of {@code in}, to which the relations' outputs are then added */
    public INDArray root(INDArray in) {
        lastInput = in;
        return root.forward(in);
    }

    /** @return the type's output from its summed {@code z} (the blocks, then the residual) */
    public INDArray finish(INDArray z) {
        // Out of training dropout is the identity, so the residual can be added as LayerNorm writes its rows.
        if (residual && !isTraining() && blocks.get(0) instanceof LayerNorm norm && blocks.get(1) instanceof Identity) {
            return blocks.get(2).forward(norm.forwardAddingResidual(z, lastInput));
        }
        INDArray y = z;
        for (Layer block : blocks) {
            y = block.forward(y);
        }
        return residual ? y.addi(lastInput) : y;
    }

    /** @return dLoss/dz from dLoss/dOutput */
    public INDArray finishBackward(INDArray gradOut) {
        INDArray g = gradOut;
        for (int i = blocks.size() - 1; i >= 0; i--) {
            g = blocks.get(i).backward(g);
        }
        return g;
    }

    /** @return dLoss/dInput through the root transform and the residual */
    public INDArray rootBackward(INDArray gradZ, INDArray gradOut) {
        INDArray gx = root.backward(gradZ);
        return residual ? gx.addi(gradOut) : gx;
    }
}

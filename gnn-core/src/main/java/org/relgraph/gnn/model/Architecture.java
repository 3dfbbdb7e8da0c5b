package org.relgraph.gnn.model;

import java.util.Objects;
import org.relgraph.gnn.nn.Activation;
import org.relgraph.gnn.nn.Aggregation;
import org.relgraph.gnn.nn.ConvKind;

/**
 * The shape of the network {@link HeteroGnn} builds, whatever the data and however it is trained.
 *
 * <p>Adding a field is one component here and its value in {@link #DEFAULTS}, which must be what models built
 * before the field existed did: a bundle written without the field loads with that default ({@link GnnConfigJson}),
 * and the canonical JSON, checkpoint identity and {@code withX} copies pick the field up by themselves.
 *
 * @param hidden      width of every node embedding
 * @param layers      message-passing layers; 0 is an MLP on each seed's own row
 * @param aggregation how a node combines its sampled neighbours' messages
 * @param activation  the non-linearity after each layer
 * @param dropout     share of activations dropped in training
 * @param conv        the per-edge-type convolution (SAGE, or GAT: attention with the neighbour's age in the score)
 */
public record Architecture(int hidden, int layers, Aggregation aggregation, Activation activation, double dropout,
                           ConvKind conv) {
    /**
     * SUM aggregation: on the synthetic bank's mortgage task it beat MEAN (it lets the model count, e.g. recent
     * transactions); hidden 64 matched 128 over three seeds at 26-30 % less time (docs/MODEL-TUNING.md).
     */
    public static final Architecture DEFAULTS = new Architecture(64, 2, Aggregation.SUM, Activation.RELU, 0.1,
            ConvKind.SAGE);

    public Architecture {
        Objects.requireNonNull(aggregation, "aggregation");
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(conv, "conv");
        if (hidden <= 0 || layers < 0) {
            throw new IllegalArgumentException("the hidden width must be positive and layers non-negative; got "
                    + "hidden " + hidden + ", layers " + layers);
        }
    }

    public Architecture withHidden(int h) {
        return RecordCopy.with(this, "hidden", h);
    }

    public Architecture withLayers(int n) {
        return RecordCopy.with(this, "layers", n);
    }

    public Architecture withAggregation(Aggregation a) {
        return RecordCopy.with(this, "aggregation", a);
    }

    public Architecture withDropout(double p) {
        return RecordCopy.with(this, "dropout", p);
    }

    public Architecture withConv(ConvKind c) {
        return RecordCopy.with(this, "conv", c);
    }
}

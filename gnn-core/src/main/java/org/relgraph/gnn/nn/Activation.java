package org.relgraph.gnn.nn;

/** Activation choice in layer configs. */
public enum Activation {
    RELU,
    GELU,
    IDENTITY;

    public Layer newLayer() {
        return switch (this) {
            case RELU -> new Relu();
            case GELU -> new Gelu();
            case IDENTITY -> new Identity();
        };
    }
}

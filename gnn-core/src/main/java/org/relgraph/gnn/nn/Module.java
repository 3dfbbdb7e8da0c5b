package org.relgraph.gnn.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Base of every layer: owns parameters and child modules, and a train/eval switch.
 *
 * <p>Contract shared by all subclasses: {@code forward} caches exactly what the matching
 * {@code backward} needs; {@code backward} returns the gradient w.r.t. the forward input and
 * <em>adds</em> parameter gradients into {@link Parameter#grad()}. One backward per forward.
 */
public abstract class Module {
    private final List<Parameter> ownParameters = new ArrayList<>();
    private final List<Module> children = new ArrayList<>();
    private boolean training = true;
    private boolean forwardOnly;

    protected final Parameter addParameter(Parameter p) {
        ownParameters.add(p);
        return p;
    }

    protected final <M extends Module> M addChild(M child) {
        children.add(child);
        return child;
    }

    /** Own parameters first, then children's in registration order: a stable order for optimizers and checkpoints. */
    public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>(ownParameters);
        for (Module child : children) {
            all.addAll(child.parameters());
        }
        return Collections.unmodifiableList(all);
    }

    public void zeroGrad() {
        for (Parameter p : parameters()) {
            p.zeroGrad();
        }
    }

    /** Training mode enables stochastic layers (dropout); propagated to all children. */
    public void train(boolean on) {
        training = on;
        for (Module child : children) {
            child.train(on);
        }
    }

    /**
     * Restarts the random streams of every stochastic layer below this module from {@code seed} (children get
     * distinct seeds drawn in registration order). The trainer calls it at the start of each epoch with a seed
     * derived from (run seed, epoch), so an epoch's dropout masks do not depend on earlier epochs having run in
     * the same process, which is what lets a resumed run repeat an uninterrupted one.
     */
    public void reseed(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        for (Module child : children) {
            child.reseed(rng.nextLong());
        }
    }

    public final void eval() {
        train(false);
    }

    /**
     * Forward-only mode, for scoring: layers may skip keeping what {@code backward} would need (LayerNorm's normalised
     * copy of its input), so a backward after such a forward fails. Independent of {@link #train}: integrated
     * gradients run forward and backward in eval mode. Propagated to all children.
     */
    public void forwardOnly(boolean on) {
        forwardOnly = on;
        for (Module child : children) {
            child.forwardOnly(on);
        }
    }

    public boolean isForwardOnly() {
        return forwardOnly;
    }

    public boolean isTraining() {
        return training;
    }

    protected static IllegalStateException backwardBeforeForward(Object who) {
        return new IllegalStateException(who.getClass().getSimpleName() + ".backward called without a preceding forward");
    }
}

package org.relgraph.models.gnn;

import org.relgraph.gnn.model.GnnConfig;
import org.relgraph.gnn.train.TrainingListener;

/**
 * The GNN kinds' own settings in a {@link org.relgraph.models.TrainingRequest}: the architecture and training loop
 * (whose seed and input cutoff the request's replace), who follows the epochs, and where the per-epoch checkpoint
 * goes.
 *
 * @param inputs what the model shares with others trained on the request's database ({@link GnnInputs}), or null
 *               to build its own
 */
public record GnnTraining(GnnConfig config, TrainingListener listener, Checkpointing checkpointing,
                          GnnInputs inputs) {
    public GnnTraining {
        config = config == null ? GnnConfig.defaults() : config;
        listener = listener == null ? TrainingListener.NONE : listener;
        checkpointing = checkpointing == null ? Checkpointing.none() : checkpointing;
    }

    /** Settings whose model builds its own inputs. */
    public GnnTraining(GnnConfig config, TrainingListener listener, Checkpointing checkpointing) {
        this(config, listener, checkpointing, null);
    }

    /** {@code config}, no listener, no checkpoint. */
    public static GnnTraining of(GnnConfig config) {
        return new GnnTraining(config, null, null);
    }

    static GnnTraining defaults() {
        return of(null);
    }

    /** The config the request trains with: this one with the request's seed and input cutoff. */
    GnnConfig configFor(org.relgraph.models.TrainingRequest request) {
        return config.withSeed(request.seed()).withInputCutoffMs(request.inputCutoffMs());
    }
}

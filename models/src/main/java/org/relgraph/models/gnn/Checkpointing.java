package org.relgraph.models.gnn;

import java.nio.file.Path;

/**
 * Whether {@link GnnPredictor#train} or {@link GnnRanker#train} keeps a resumable checkpoint after every epoch, where, and whether it starts
 * from the one already there.
 *
 * @param dir    the checkpoint folder, or null for none (tests, benchmarks, the demo)
 * @param resume continue from the checkpoint in {@code dir}; false starts over and replaces it
 */
public record Checkpointing(Path dir, boolean resume) {
    public Checkpointing {
        if (resume && dir == null) {
            throw new IllegalArgumentException("resuming needs a checkpoint folder");
        }
    }

    public static Checkpointing none() {
        return new Checkpointing(null, false);
    }

    /** The checkpoint kept beside a model bundle while it trains: {@link ModelBundle#checkpointDir}. */
    public static Checkpointing forModel(Path modelDir, boolean resume) {
        return new Checkpointing(ModelBundle.checkpointDir(modelDir), resume);
    }
}

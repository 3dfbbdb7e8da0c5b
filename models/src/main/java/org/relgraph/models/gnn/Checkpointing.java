package org.relgraph.models.gnn;

import java.nio.file.Files;
import java.nio.file.Path;
import org.relgraph.gnn.train.TrainingCheckpoint;
import org.relgraph.gnn.train.TrainingState;
import org.relgraph.schema.SchemaException;

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

    /**
     * The state to resume from: null unless {@link #resume()}, else what {@code checkpoint} (this folder's, tagged
     * with the run's identity) holds, or a user error when it holds nothing.
     */
    TrainingState resumeState(TrainingCheckpoint checkpoint) {
        if (!resume) {
            return null;
        }
        return checkpoint.load().orElseThrow(this::nothingToResume);
    }

    /** Fails at once, e.g. before a long data load, when resuming and there is no checkpoint folder at all. */
    public void checkResumable() {
        if (resume && (dir == null || !Files.isDirectory(dir))) {
            throw nothingToResume();
        }
    }

    private SchemaException nothingToResume() {
        return new SchemaException("there is no training checkpoint to resume from in " + dir,
                "train without --resume; a checkpoint is only left behind by a run that stopped before "
                        + "writing its model");
    }

    /** The checkpoint kept beside a model bundle while it trains: {@link ModelBundle#checkpointDir}. */
    public static Checkpointing forModel(Path modelDir, boolean resume) {
        return new Checkpointing(ModelBundle.checkpointDir(modelDir), resume);
    }
}

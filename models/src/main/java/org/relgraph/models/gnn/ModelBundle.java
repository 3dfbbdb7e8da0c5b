package org.relgraph.models.gnn;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.relgraph.gnn.encode.DatabaseEncoding;
import org.relgraph.gnn.encode.EncodingJson;
import org.relgraph.gnn.model.GnnConfig;
import org.relgraph.gnn.model.PredictionHead;
import org.relgraph.gnn.train.WeightCheckpoint;
import org.relgraph.io.OutputFolder;
import org.relgraph.io.RelgraphOutputs;
import org.relgraph.io.ReplacePolicy;
import org.relgraph.models.bundle.BundleFolder;
import org.relgraph.models.bundle.BundleManifest;
import org.relgraph.models.rank.ActionSpace;
import org.relgraph.schema.SchemaException;

/**
 * A trained GNN on disk: a {@link BundleFolder} whose manifest carries the GNN's own fields ({@code config},
 * {@code head}, and {@code actions} for a ranker), with {@code encoding.json} (fitted input statistics) and
 * {@code weights.bin} ({@link WeightCheckpoint}) as its files.
 *
 * @param config  the architecture and training settings
 * @param head    the task's output statistics (positive weight, target standardisation, classes)
 * @param actions ARGMAX / LIST_DISTINCT: the candidates the ranker scores, or null for other tasks
 */
public record ModelBundle(BundleManifest manifest, GnnConfig config, PredictionHead head, ActionSpace actions,
                          DatabaseEncoding encoding, WeightCheckpoint weights) {
    static final String ENCODING_FILE = "encoding.json";
    static final String WEIGHTS_FILE = "weights.bin";
    /** How a user gets a new GNN bundle. */
    static final String RETRAIN = "retrain the model";
    private static final String CONFIG = "config";
    private static final String HEAD = "head";
    private static final String ACTIONS = "actions";

    /**
     * Where training into {@code modelDir} keeps its per-epoch checkpoint until the bundle is written: a hidden
     * folder inside it, so it travels with the model folder and is replaced together with an old bundle there.
     */
    public static Path checkpointDir(Path modelDir) {
        return modelDir.resolve(RelgraphOutputs.CHECKPOINT_DIR);
    }

    /**
     * Writes the bundle to {@code dir}, replacing an existing bundle there only once the new one is complete, and
     * anything else there only as {@code replace} allows ({@link OutputFolder}).
     */
    public void save(Path dir, ReplacePolicy replace) throws IOException {
        BundleManifest full = manifest.withKindField(CONFIG, config).withKindField(HEAD, head)
                .withKindField(ACTIONS, actions);
        BundleFolder.write(dir, "GNN model bundle", full, replace, tmp -> {
            EncodingJson.write(encoding, tmp.resolve(ENCODING_FILE));
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp.resolve(WEIGHTS_FILE)))) {
                weights.write(out);
            }
        });
    }

    /**
     * @throws SchemaException when the folder is not a complete, intact GNN bundle of this format version
     */
    public static ModelBundle load(Path dir) throws IOException {
        BundleManifest manifest = BundleFolder.read(dir, List.of(ENCODING_FILE, WEIGHTS_FILE), RETRAIN);
        GnnConfig config;
        PredictionHead head;
        ActionSpace actions;
        try {
            config = manifest.kindField(CONFIG, GnnConfig.class);
            head = manifest.kindField(HEAD, PredictionHead.class);
            actions = manifest.kindField(ACTIONS, ActionSpace.class);
        } catch (IllegalArgumentException e) {
            throw BundleFolder.damaged(dir, e.getMessage(), RETRAIN);
        }
        if (config == null || head == null) {
            throw BundleFolder.damaged(dir, BundleFolder.MANIFEST_FILE + " has no " + (config == null ? CONFIG : HEAD)
                    + " (is it a GNN bundle?)", RETRAIN);
        }
        DatabaseEncoding encoding = EncodingJson.read(dir.resolve(ENCODING_FILE));
        WeightCheckpoint weights;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(dir.resolve(WEIGHTS_FILE)))) {
            weights = WeightCheckpoint.read(in);
        }
        return new ModelBundle(manifest, config, head, actions, encoding, weights);
    }
}

package org.relgraph.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.relgraph.models.bundle.BundleFolder;
import org.relgraph.models.bundle.DataFingerprint;
import org.relgraph.models.gnn.ModelBundle;
import org.relgraph.schema.SchemaException;

/**
 * A trained GNN bundle as the Spark jobs open it ({@code --model}): read by the models' own {@link ModelBundle#load}
 * (checksums, format version), after clearer refusals of a folder that is no bundle at all or another kind's; and
 * the bundle's identity as the jobs record it, so a later job can check it uses outputs made for the same model.
 */
final class SparkModelBundles {
    private static final String HINT = "pass the folder relgraph train --out wrote for a GNN";

    private SparkModelBundles() {
    }

    /**
     * @throws SchemaException when {@code dir} is not a folder, has no {@code bundle.json}, is another kind's bundle
     *                         (rules, XGBoost…: no GNN encoding), or is damaged
     */
    static ModelBundle load(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new SchemaException("--model " + dir + " is not a folder", HINT);
        }
        if (!Files.isRegularFile(dir.resolve(BundleFolder.MANIFEST_FILE))) {
            throw new SchemaException("--model " + dir + " is not a model bundle (it has no "
                    + BundleFolder.MANIFEST_FILE + ")", HINT);
        }
        BundleFolder.Peek peek = BundleFolder.peek(dir);
        if (peek != null && !peek.kind().equals("gnn")) {
            throw new SchemaException("--model " + dir + " is a '" + peek.kind() + "' model; child summaries come "
                    + "from a GNN's fitted encoding", HINT);
        }
        return ModelBundle.load(dir);
    }

    /**
     * The bundle's identity as a JSON object: its folder, the fingerprint of the data it was trained on, its
     * config's identity ({@code GnnConfig.identity()}) and the SHA-256 of its {@code encoding.json}, which alone
     * decides the summaries' floats.
     */
    static String identity(Path dir, ModelBundle bundle) throws IOException {
        String fingerprint = bundle.manifest().provenance() == null ? null
                : bundle.manifest().provenance().dataFingerprint();
        return "{\"bundle\": \"" + json(dir.toAbsolutePath().normalize().toString()) + "\", "
                + "\"data_fingerprint\": " + (fingerprint == null ? "null" : "\"" + json(fingerprint) + "\"") + ", "
                + "\"config_identity\": \"" + json(bundle.config().identity()) + "\", "
                + "\"encoding_sha256\": \"" + encodingHash(dir) + "\"}";
    }

    /**
     * The SHA-256 of the bundle's {@code encoding.json}: what its child summaries depend on, so the score job can
     * tell stored summaries of this encoding from another model's.
     */
    static String encodingHash(Path dir) {
        try {
            return "sha256:" + HexFormat.of().formatHex(DataFingerprint.sha256().digest(
                    Files.readAllBytes(dir.resolve("encoding.json"))));
        } catch (IOException e) {
            throw new SchemaException("cannot read " + dir.resolve("encoding.json") + ": " + e.getMessage(),
                    "pass the folder relgraph train --out wrote for a GNN");
        }
    }

    private static String json(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}

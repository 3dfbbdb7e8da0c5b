package org.relgraph.models.gnn;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.relgraph.gnn.encode.DatabaseEncoding;
import org.relgraph.gnn.encode.EncodingJson;
import org.relgraph.gnn.train.WeightCheckpoint;
import org.relgraph.io.OutputFolder;
import org.relgraph.io.RelgraphOutputs;
import org.relgraph.io.ReplacePolicy;
import org.relgraph.schema.SchemaException;

/**
 * A trained GNN on disk: a folder with {@code bundle.json} ({@link BundleInfo}), {@code encoding.json} (fitted
 * input statistics), {@code weights.bin} ({@link WeightCheckpoint}) and {@code checksums.sha256} over those three.
 *
 * <p>{@link #save} writes into a hidden temporary folder beside the target and renames it into place
 * ({@link OutputFolder}), so a reader never sees a half-written bundle and a user's folder is never replaced. {@link #load} checks every checksum before parsing anything, so a damaged or
 * truncated file is refused with a clear message instead of producing wrong scores.
 */
public record ModelBundle(BundleInfo info, DatabaseEncoding encoding, WeightCheckpoint weights) {
    public static final int FORMAT_VERSION = 1;
    static final String INFO_FILE = "bundle.json";
    static final String ENCODING_FILE = "encoding.json";
    static final String WEIGHTS_FILE = "weights.bin";
    static final String CHECKSUM_FILE = "checksums.sha256";
    private static final List<String> CONTENT_FILES = List.of(INFO_FILE, ENCODING_FILE, WEIGHTS_FILE);

    // NaN metrics (e.g. AUROC of a one-class split) must survive the round trip.
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).enable(SerializationFeature.INDENT_OUTPUT).build();

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
        OutputFolder.write(dir, "GNN model bundle", replace, tmp -> {
            Files.writeString(tmp.resolve(INFO_FILE), MAPPER.writeValueAsString(info));
            EncodingJson.write(encoding, tmp.resolve(ENCODING_FILE));
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp.resolve(WEIGHTS_FILE)))) {
                weights.write(out);
            }
            StringBuilder sums = new StringBuilder();
            for (String f : CONTENT_FILES) {
                sums.append(sha256(tmp.resolve(f))).append("  ").append(f).append('\n');
            }
            Files.writeString(tmp.resolve(CHECKSUM_FILE), sums);
        });
    }

    /**
     * @throws SchemaException when the folder is not a complete, intact bundle of this format version
     */
    public static ModelBundle load(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new SchemaException("no model bundle at " + dir, "pass the folder a model was saved to");
        }
        verifyChecksums(dir);
        BundleInfo info;
        try {
            info = MAPPER.readValue(Files.readString(dir.resolve(INFO_FILE)), BundleInfo.class);
        } catch (JsonProcessingException e) {
            throw damaged(dir, INFO_FILE + " is not valid: " + e.getOriginalMessage());
        }
        if (info.formatVersion() != FORMAT_VERSION) {
            throw new SchemaException("the model bundle at " + dir + " has format version " + info.formatVersion()
                    + ", this relgraph reads version " + FORMAT_VERSION,
                    "use the relgraph version that trained it (" + (info.provenance() == null ? "unknown"
                            : info.provenance().relgraphVersion()) + "), or retrain the model");
        }
        DatabaseEncoding encoding = EncodingJson.read(dir.resolve(ENCODING_FILE));
        WeightCheckpoint weights;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(dir.resolve(WEIGHTS_FILE)))) {
            weights = WeightCheckpoint.read(in);
        }
        return new ModelBundle(info, encoding, weights);
    }

    private static void verifyChecksums(Path dir) throws IOException {
        Map<String, String> expected = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(dir.resolve(CHECKSUM_FILE))) {
                String[] parts = line.trim().split("\\s+", 2);
                if (parts.length == 2) {
                    expected.put(parts[1], parts[0]);
                }
            }
        } catch (NoSuchFileException e) {
            if (RelgraphOutputs.holdsOnlyInterruptedTraining(dir)) {
                throw interruptedTraining(dir);
            }
            throw damaged(dir, CHECKSUM_FILE + " is missing");
        }
        for (String f : CONTENT_FILES) {
            Path file = dir.resolve(f);
            if (!Files.isRegularFile(file)) {
                throw damaged(dir, f + " is missing");
            }
            String want = expected.get(f);
            if (want == null) {
                throw damaged(dir, CHECKSUM_FILE + " has no checksum for " + f);
            }
            if (!want.equalsIgnoreCase(sha256(file))) {
                throw damaged(dir, f + " does not match its checksum (changed or truncated since it was saved)");
            }
        }
    }

    /** A folder a killed training run left: its checkpoint, no model yet. */
    public static SchemaException interruptedTraining(Path dir) {
        return new SchemaException("the folder " + dir + " holds an interrupted training run (a checkpoint in "
                + checkpointDir(dir).getFileName() + "/, no model yet)", "finish it with relgraph train ... --out "
                + dir + " --resume, giving the same data, query and options as the interrupted run");
    }

    private static SchemaException damaged(Path dir, String why) {
        return new SchemaException("the model bundle at " + dir + " is damaged: " + why,
                "copy the bundle again from where it was saved, or retrain the model");
    }

    static String sha256(Path file) throws IOException {
        java.security.MessageDigest digest = DataFingerprint.sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                digest.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}

package org.relgraph.models.bundle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.relgraph.io.OutputFolder;
import org.relgraph.io.ReplacePolicy;
import org.relgraph.query.TaskType;
import org.relgraph.schema.SchemaException;

/**
 * A model bundle on disk, for every kind: {@code bundle.json} ({@link BundleManifest}), the kind's own files, and
 * {@code checksums.sha256} over all of them ({@link BundleChecksums}). {@link #write} builds it in a hidden sibling
 * and renames it into place ({@link OutputFolder}), so a reader never sees a half-written bundle and a user's folder
 * is never replaced; {@link #read} checks every checksum before parsing anything, so a damaged or truncated file is
 * refused with a hint instead of producing wrong scores.
 */
public final class BundleFolder {
    public static final String MANIFEST_FILE = "bundle.json";

    /** The bundle's JSON: indented, and NaN metrics (e.g. AUROC of a one-class split) survive the round trip. */
    public static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).enable(SerializationFeature.INDENT_OUTPUT).build();

    /** Writes a kind's own files into the bundle folder being built. */
    public interface KindFiles {
        void writeInto(Path folder) throws IOException;
    }

    private BundleFolder() {
    }

    /**
     * Publishes the bundle at {@code target}: the kind's files, then the manifest, then checksums over every file,
     * replacing an existing folder only as {@code replace} allows.
     *
     * @param description what the folder is, for its ownership marker and messages, e.g. {@code GNN model bundle}
     */
    public static void write(Path target, String description, BundleManifest manifest, ReplacePolicy replace,
                             KindFiles files) throws IOException {
        OutputFolder.write(target, description, replace, dir -> {
            files.writeInto(dir);
            Files.writeString(dir.resolve(MANIFEST_FILE), JSON.writeValueAsString(manifest));
            BundleChecksums.write(dir);
        });
    }

    /**
     * Verifies the checksums (every listed file, and each of {@code kindFiles} must be listed), then reads the
     * manifest and checks its format version.
     *
     * @param retrain how the user gets a new bundle of this kind, the end of the hint for a damaged one, e.g.
     *                {@code retrain the model}
     * @throws SchemaException when the folder is not a complete, intact bundle of this format version
     */
    public static BundleManifest read(Path dir, List<String> kindFiles, String retrain) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new SchemaException("no model bundle at " + dir, "pass the folder a model was saved to");
        }
        BundleChecksums.verify(dir, kindFiles, why -> damaged(dir, why, retrain));
        BundleManifest manifest;
        try {
            manifest = JSON.readValue(Files.readString(dir.resolve(MANIFEST_FILE)), BundleManifest.class);
        } catch (JsonProcessingException e) {
            throw damaged(dir, MANIFEST_FILE + " is not valid: " + e.getOriginalMessage(), retrain);
        }
        if (manifest.formatVersion() != BundleManifest.FORMAT_VERSION) {
            throw new SchemaException("the model bundle at " + dir + " has format version "
                    + manifest.formatVersion() + ", this relgraph reads version " + BundleManifest.FORMAT_VERSION,
                    "use the relgraph version that wrote it (" + (manifest.provenance() == null ? "unknown"
                            : manifest.provenance().relgraphVersion()) + "), or " + retrain);
        }
        return manifest;
    }

    /** A one-line error for a bundle that is not what it was when saved. */
    public static SchemaException damaged(Path dir, String why, String retrain) {
        return new SchemaException("the model bundle at " + dir + " is damaged: " + why,
                "copy the bundle again from where it was saved, or " + retrain);
    }

    /**
     * What {@code bundle.json} says before anything is verified: its kind ({@code gnn} when the field is absent, as
     * in bundles older than it) and task type, so the loader can pick the kind that verifies and reads the rest.
     * Null when the file is absent or unreadable: the kind that then loads the folder reports what is wrong.
     */
    public static Peek peek(Path dir) {
        try {
            JsonNode root = JSON.readTree(dir.resolve(MANIFEST_FILE).toFile());
            if (root == null || !root.isObject()) {
                return null;
            }
            JsonNode kind = root.get("kind");
            JsonNode task = root.get("taskType");
            List<String> excluded = new java.util.ArrayList<>();
            JsonNode names = root.get("excludedTables");
            if (names != null && names.isArray()) {
                names.forEach(n -> excluded.add(n.asText()));
            }
            TaskType taskType = null;
            if (task != null && task.isTextual()) {
                try {
                    taskType = TaskType.valueOf(task.asText());
                } catch (IllegalArgumentException e) {
                    taskType = null;
                }
            }
            return new Peek(kind == null || kind.isNull() ? BundleManifest.KIND_OF_UNNAMED : kind.asText(), taskType,
                    excluded);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The unverified facts {@link #peek} reads.
     *
     * @param taskType null when absent or not a task type
     */
    public record Peek(String kind, TaskType taskType, List<String> excludedTables) {
    }
}

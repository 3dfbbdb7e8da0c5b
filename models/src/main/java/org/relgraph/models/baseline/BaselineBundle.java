package org.relgraph.models.baseline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.relgraph.io.OutputFolder;
import org.relgraph.io.ReplacePolicy;
import org.relgraph.schema.SchemaException;

/**
 * A baseline on disk: {@code bundle.json} ({@link BaselineInfo}), the predictor's own files, and
 * {@code checksums.sha256} over all of them. Written to a hidden sibling and renamed into place
 * ({@link OutputFolder}); {@link #readInfo} checks every checksum first, so a damaged file is refused with a hint
 * instead of producing wrong scores — the same guarantees as a GNN bundle.
 */
public final class BaselineBundle {
    public static final int FORMAT_VERSION = 1;
    static final String INFO_FILE = "bundle.json";
    static final String CHECKSUM_FILE = "checksums.sha256";

    // NaN metrics (e.g. AUROC of a one-class split) must survive the round trip.
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).enable(SerializationFeature.INDENT_OUTPUT).build();

    /** Writes the predictor's files, then the info, then checksums over every file. */
    public interface PredictorFiles {
        void writeInto(Path folder) throws IOException;
    }

    private BaselineBundle() {
    }

    /** Publishes the bundle at {@code target}, replacing an existing folder only as {@code replace} allows. */
    public static void write(Path target, BaselineInfo info, ReplacePolicy replace, PredictorFiles files) {
        try {
            OutputFolder.write(target, info.kind() + " baseline bundle", replace, dir -> {
                files.writeInto(dir);
                Files.writeString(dir.resolve(INFO_FILE), MAPPER.writeValueAsString(info));
                StringBuilder sums = new StringBuilder();
                for (Path f : contentFiles(dir)) {
                    sums.append(sha256(f)).append("  ").append(f.getFileName()).append('\n');
                }
                Files.writeString(dir.resolve(CHECKSUM_FILE), sums);
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the model folder " + target + ": " + e.getMessage(), e);
        }
    }

    /** Verifies the checksums, then reads {@code bundle.json}. */
    public static BaselineInfo readInfo(Path dir) throws IOException {
        verify(dir);
        BaselineInfo info;
        try {
            info = MAPPER.readValue(Files.readString(dir.resolve(INFO_FILE)), BaselineInfo.class);
        } catch (JsonProcessingException e) {
            throw damaged(dir, INFO_FILE + " is not valid: " + e.getOriginalMessage());
        }
        if (info.formatVersion() != FORMAT_VERSION) {
            throw new SchemaException("the baseline bundle at " + dir + " has format version "
                    + info.formatVersion() + ", this relgraph reads version " + FORMAT_VERSION,
                    "use the relgraph version that built it, or run relgraph baseline again");
        }
        return info;
    }

    private static void verify(Path dir) throws IOException {
        Map<String, String> expected = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(dir.resolve(CHECKSUM_FILE))) {
                String[] parts = line.trim().split("\\s+", 2);
                if (parts.length == 2) {
                    expected.put(parts[1], parts[0]);
                }
            }
        } catch (NoSuchFileException e) {
            throw damaged(dir, CHECKSUM_FILE + " is missing");
        }
        if (!expected.containsKey(INFO_FILE)) {
            throw damaged(dir, CHECKSUM_FILE + " has no checksum for " + INFO_FILE);
        }
        for (Map.Entry<String, String> e : expected.entrySet()) {
            Path file = dir.resolve(e.getKey());
            if (!Files.isRegularFile(file)) {
                throw damaged(dir, e.getKey() + " is missing");
            }
            if (!e.getValue().equalsIgnoreCase(sha256(file))) {
                throw damaged(dir, e.getKey() + " does not match its checksum (changed or truncated since it was "
                        + "saved)");
            }
        }
    }

    private static List<Path> contentFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().equals(CHECKSUM_FILE)).sorted().toList();
        }
    }

    private static SchemaException damaged(Path dir, String why) {
        return new SchemaException("the model bundle at " + dir + " is damaged: " + why,
                "copy the bundle again from where it was saved, or run relgraph baseline again");
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                digest.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}

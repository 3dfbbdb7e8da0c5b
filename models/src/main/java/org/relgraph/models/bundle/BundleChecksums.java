package org.relgraph.models.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.relgraph.io.RelgraphOutputs;
import org.relgraph.schema.SchemaException;

/**
 * {@code checksums.sha256} of a model bundle, in {@code sha256sum}'s format: one line per file of the bundle (every
 * regular file but this one and the hidden ownership marker, by name), so {@code sha256sum -c} checks a bundle too.
 */
public final class BundleChecksums {
    public static final String FILE = "checksums.sha256";

    private BundleChecksums() {
    }

    /** Writes the checksums of every file now in {@code dir}. */
    static void write(Path dir) throws IOException {
        StringBuilder sums = new StringBuilder();
        for (Path f : contentFiles(dir)) {
            sums.append(sha256(f)).append("  ").append(f.getFileName()).append('\n');
        }
        Files.writeString(dir.resolve(FILE), sums);
    }

    /**
     * Checks every file the checksum file lists, and that it lists the manifest and each of {@code required}.
     *
     * @param damaged the error for a bundle that fails, given why
     * @throws SchemaException from {@code damaged}, or for a folder that holds only an interrupted training run
     */
    static void verify(Path dir, List<String> required, Function<String, SchemaException> damaged)
            throws IOException {
        Map<String, String> expected = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(dir.resolve(FILE))) {
                String[] parts = line.trim().split("\\s+", 2);
                if (parts.length == 2) {
                    expected.put(parts[1], parts[0]);
                }
            }
        } catch (NoSuchFileException e) {
            if (RelgraphOutputs.holdsOnlyInterruptedTraining(dir)) {
                throw interruptedTraining(dir);
            }
            throw damaged.apply(FILE + " is missing");
        }
        List<String> mustList = new ArrayList<>();
        mustList.add(BundleFolder.MANIFEST_FILE);
        mustList.addAll(required);
        for (String f : mustList) {
            if (!expected.containsKey(f)) {
                throw damaged.apply(Files.isRegularFile(dir.resolve(f)) ? FILE + " has no checksum for " + f
                        : f + " is missing");
            }
        }
        for (Map.Entry<String, String> e : expected.entrySet()) {
            Path file = dir.resolve(e.getKey());
            if (!Files.isRegularFile(file)) {
                throw damaged.apply(e.getKey() + " is missing");
            }
            if (!e.getValue().equalsIgnoreCase(sha256(file))) {
                throw damaged.apply(e.getKey() + " does not match its checksum (changed or truncated since it was "
                        + "saved)");
            }
        }
    }

    /** A folder a killed training run left: its checkpoint, no model yet. */
    public static SchemaException interruptedTraining(Path dir) {
        return new SchemaException("the folder " + dir + " holds an interrupted training run (a checkpoint in "
                + RelgraphOutputs.CHECKPOINT_DIR + "/, no model yet)", "finish it with relgraph train ... --out "
                + dir + " --resume, giving the same data, query and options as the interrupted run");
    }

    /** The SHA-256 of a file's bytes, hex. */
    public static String sha256(Path file) throws IOException {
        MessageDigest digest = DataFingerprint.sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                digest.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static List<Path> contentFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().equals(FILE)
                            && !f.getFileName().toString().equals(RelgraphOutputs.MARKER))
                    .sorted().toList();
        }
    }
}

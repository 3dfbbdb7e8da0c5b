package org.relgraph.gnn.train;

import java.io.ByteArrayInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;
import org.relgraph.io.AtomicRename;
import org.relgraph.schema.SchemaException;

/**
 * The latest {@link TrainingState} of one training run, kept in a folder so a crashed run can be resumed.
 *
 * <p>The state is tagged with the run's identity (e.g. query, model settings, data fingerprint, split): resuming
 * a state written for something else would silently train a different model, so {@link #load} refuses it and
 * names what differs. Each {@link #save} writes a temporary file, forces it to disk and renames it over the
 * previous state, so a crash at any moment leaves either the old complete state or the new one; a CRC over the
 * whole file catches damage from outside.
 *
 * <p>File: magic {@code RGCK}, format version, identity (count, then name/value pairs), state length and bytes
 * ({@link TrainingState#write}), then the CRC-32 of everything before it.
 */
public final class TrainingCheckpoint {
    static final String FILE = "training.ckpt";
    private static final int MAGIC = 0x5247434b; // "RGCK"
    private static final int FORMAT_VERSION = 1;
    private static final String TEMP_PREFIX = FILE + ".tmp-";

    private final Path dir;
    private final Map<String, String> identity;

    /**
     * @param identity what a resumed run must share with the run that wrote the state, by a name a user
     *                 recognises ("query", "data"); compared value by value
     */
    public TrainingCheckpoint(Path dir, Map<String, String> identity) {
        this.dir = dir;
        this.identity = Collections.unmodifiableMap(new LinkedHashMap<>(identity));
    }

    public Path dir() {
        return dir;
    }

    /** Whether a state file exists (intact or not). */
    public boolean exists() {
        return Files.isRegularFile(dir.resolve(FILE));
    }

    /**
     * Atomically replaces the saved state with {@code state}. The file is streamed through its CRC, never assembled
     * in memory: it holds the model four times over (weights, best weights, two moments), and whole-file byte arrays
     * every epoch made the collector grow the heap (issue #20).
     */
    public void save(TrainingState state) {
        try {
            Files.createDirectories(dir);
            deleteTemporaries();
            Path tmp = Files.createTempFile(dir, TEMP_PREFIX, "");
            try {
                try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                    CRC32 crc = new CRC32();
                    DataOutputStream data = new DataOutputStream(new CheckedOutputStream(file, crc));
                    data.writeInt(MAGIC);
                    data.writeInt(FORMAT_VERSION);
                    data.writeInt(identity.size());
                    for (Map.Entry<String, String> e : identity.entrySet()) {
                        data.writeUTF(e.getKey());
                        data.writeUTF(e.getValue());
                    }
                    long stateSize = state.byteSize();
                    data.writeInt(Math.toIntExact(stateSize));
                    int before = data.size();
                    state.write(data);
                    data.flush();
                    if (data.size() - before != stateSize) {
                        throw new IllegalStateException("the training state wrote " + (data.size() - before)
                                + " bytes, not the " + stateSize + " it announced");
                    }
                    new DataOutputStream(file).writeLong(crc.getValue()); // the CRC covers everything before it
                }
                AtomicRename.replaceFile(tmp, dir.resolve(FILE));
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new SchemaException("could not write the training checkpoint to " + dir + ": " + e,
                    "make sure the model folder is writable and the disk has space", e);
        }
    }

    /**
     * The saved state, or empty when there is none.
     *
     * @throws SchemaException when the state is damaged or was written for a different run
     */
    public Optional<TrainingState> load() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(dir.resolve(FILE));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new SchemaException("could not read the training checkpoint in " + dir + ": " + e,
                    "make sure the model folder is readable, or train again without resuming");
        }
        if (bytes.length < 8) {
            throw damaged("it is truncated");
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 8);
        DataInputStream data = new DataInputStream(new ByteArrayInputStream(bytes));
        try {
            if (data.readInt() != MAGIC) {
                throw damaged("it does not start like a relgraph training checkpoint");
            }
            int version = data.readInt();
            if (version != FORMAT_VERSION) {
                throw new SchemaException("the training checkpoint in " + dir + " has format version " + version
                        + ", this relgraph reads " + FORMAT_VERSION,
                        "train again without resuming, or resume with the relgraph version that wrote it");
            }
            long stored = ByteBuffer.wrap(bytes, bytes.length - 8, 8).getLong();
            if (stored != crc.getValue()) {
                throw damaged("its checksum does not match (changed or truncated since it was written)");
            }
            int count = data.readInt();
            Map<String, String> saved = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                saved.put(data.readUTF(), data.readUTF());
            }
            requireSameRun(saved);
            int length = data.readInt();
            byte[] state = data.readNBytes(length);
            if (state.length != length) {
                throw damaged("it ends early (truncated)");
            }
            return Optional.of(TrainingState.read(new ByteArrayInputStream(state)));
        } catch (EOFException e) {
            throw damaged("it ends early (truncated)");
        } catch (IOException e) {
            throw damaged(e.getMessage());
        }
    }

    private void requireSameRun(Map<String, String> saved) {
        for (Map.Entry<String, String> e : identity.entrySet()) {
            String name = e.getKey();
            String now = e.getValue();
            String then = saved.get(name);
            if (!now.equals(then)) {
                boolean shortValues = then != null && then.length() <= 60 && now.length() <= 60;
                throw new SchemaException("the training checkpoint in " + dir + " does not match this run's "
                        + name + (shortValues ? " (" + then + ", now " + now + ")" : ""),
                        "resume with the same data, query and options as the interrupted run, or train again "
                                + "without resuming (that replaces the checkpoint)");
            }
        }
        if (!saved.keySet().equals(identity.keySet())) {
            throw new SchemaException("the training checkpoint in " + dir + " was written for a different kind of "
                    + "run (it records " + saved.keySet() + ")", "train again without resuming");
        }
    }

    /** Removes the saved state and the folder (if nothing else is in it); called once the final model is safe. */
    public void delete() {
        try {
            Files.deleteIfExists(dir.resolve(FILE));
            deleteTemporaries();
            if (Files.isDirectory(dir)) {
                try (DirectoryStream<Path> rest = Files.newDirectoryStream(dir)) {
                    if (!rest.iterator().hasNext()) {
                        Files.delete(dir);
                    }
                }
            }
        } catch (IOException e) {
            throw new SchemaException("could not remove the training checkpoint in " + dir + ": " + e,
                    "delete the folder by hand; the model itself was saved", e);
        }
    }

    /** Leftovers of a save interrupted before its rename: never a valid state, so never worth keeping. */
    private void deleteTemporaries() throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> tmps = Files.newDirectoryStream(dir, TEMP_PREFIX + "*")) {
            for (Path t : tmps) {
                Files.deleteIfExists(t);
            }
        }
    }

    private SchemaException damaged(String why) {
        return new SchemaException("the training checkpoint in " + dir + " is damaged: " + why,
                "train again without resuming (that replaces the checkpoint)");
    }
}

package org.relgraph.models.output;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Publishes a fully written temporary file under its final name so that, whatever happens, the final name holds
 * either the old content or the complete new one. The temporary file must sit in the target's folder: rename(2)
 * is only atomic within one file system.
 */
final class AtomicFileReplace {

    private AtomicFileReplace() {
    }

    /** A fresh, hidden, unlikely-to-clash sibling of the target for writing the new content into. */
    static Path temporarySiblingOf(Path target) {
        return target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
    }

    /**
     * Flushes the temporary file to disk, renames it over the target, then flushes the folder. Without the first
     * fsync a power loss after the rename can leave an empty or torn file under the final name; without the
     * second the rename itself may not survive.
     */
    static void publish(Path temporary, Path target) throws IOException {
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncFolder(target.toAbsolutePath().getParent());
    }

    private static void syncFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException unsupported) {
            // Some platforms (Windows) cannot open a folder for fsync; the rename is still atomic there.
        }
    }
}

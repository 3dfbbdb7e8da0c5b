package org.relgraph.models.output;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Publishes a fully written temporary file under its final name so that, whatever happens, the final name holds
 * either the old content or the complete new one. The temporary file must sit in the target's folder: rename(2)
 * is only atomic within one file system.
 */
final class AtomicFileReplace {
    /** Longer than any write takes between its last byte and its rename, so a live writer's file is never taken. */
    static final Duration STALE_AFTER = Duration.ofHours(1);

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

    /**
     * Deletes temporary siblings of the target left behind by killed writers (a SIGKILL runs no cleanup), so that
     * daily runs that are occasionally killed do not pile up hidden copies of the output. Only files named the way
     * {@link #temporarySiblingOf} names them and untouched for {@link #STALE_AFTER} are removed.
     */
    static void removeStaleTemporaries(Path target, Instant now) {
        Pattern ours = Pattern.compile(Pattern.quote("." + target.getFileName() + ".")
                + "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.tmp");
        FileTime cutoff = FileTime.from(now.minus(STALE_AFTER));
        try (Stream<Path> siblings = Files.list(target.toAbsolutePath().getParent())) {
            for (Path sibling : siblings.toList()) {
                if (ours.matcher(sibling.getFileName().toString()).matches()
                        && Files.getLastModifiedTime(sibling).compareTo(cutoff) < 0) {
                    Files.deleteIfExists(sibling);
                }
            }
        } catch (IOException ignored) {
            // Tidying up is a courtesy; the new output is already in place.
        }
    }

    private static void syncFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException unsupported) {
            // Some platforms (Windows) cannot open a folder for fsync; the rename is still atomic there.
        }
    }
}

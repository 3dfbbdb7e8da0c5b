package org.relgraph.models.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The temporary siblings a score file is written into before {@link org.relgraph.io.AtomicRename#replaceFile}
 * publishes it under its final name, and the removal of those a killed writer left. The temporary file must sit in
 * the target's folder: rename(2) is only atomic within one file system.
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
}

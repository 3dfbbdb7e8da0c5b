package org.relgraph.models.baseline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Writes a model folder so that readers see the old complete folder or the new complete one, never a half-written
 * mix: everything goes into a hidden sibling, which is then renamed into place (a rename is atomic within one file
 * system; an existing folder is first renamed aside and deleted after).
 */
final class ModelFolder {
    /** Fills a fresh folder with the model's files. */
    interface Contents {
        void writeInto(Path folder) throws IOException;
    }

    private ModelFolder() {
    }

    static void write(Path target, Contents contents) {
        Path absolute = target.toAbsolutePath();
        Path temporary = absolute.resolveSibling("." + absolute.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.createDirectories(absolute.getParent());
            Files.createDirectory(temporary);
            contents.writeInto(temporary);
            Path old = null;
            if (Files.exists(absolute)) {
                old = absolute.resolveSibling("." + absolute.getFileName() + "." + UUID.randomUUID() + ".old");
                Files.move(absolute, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE);
            if (old != null) {
                deleteRecursively(old);
            }
        } catch (IOException e) {
            deleteQuietly(temporary);
            throw new UncheckedIOException("cannot write the model folder " + target + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path folder) {
        try {
            deleteRecursively(folder);
        } catch (IOException ignored) {
            // The write already failed; a leftover hidden temporary folder is harmless.
        }
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}

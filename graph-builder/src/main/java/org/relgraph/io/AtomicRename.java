package org.relgraph.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.CopyOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The last step of writing an output: renaming the finished temporary file or folder, written beside its final
 * name, to that name in one step, so a reader sees the old content or the complete new one. rename(2) is atomic
 * only within one file system, hence the temporary sibling; where a file system cannot rename atomically the move
 * falls back to a plain one rather than failing the whole run.
 */
public final class AtomicRename {
    /** {@link Files#move}, a seam for the fallback's test. */
    interface Mover {
        void move(Path source, Path target, CopyOption... options) throws IOException;
    }

    private static final Mover FILES = (source, target, options) -> Files.move(source, target, options);

    private AtomicRename() {
    }

    /**
     * Renames the finished file {@code temporary} over {@code target}, replacing what is there. The file is flushed
     * to disk first and the folder after: without the first a power loss after the rename can leave an empty or
     * torn file under the final name, without the second the rename itself may not survive.
     */
    public static void replaceFile(Path temporary, Path target) throws IOException {
        replaceFile(temporary, target, FILES);
    }

    static void replaceFile(Path temporary, Path target, Mover mover) throws IOException {
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        move(temporary, target, mover, StandardCopyOption.REPLACE_EXISTING);
        syncFolder(target.toAbsolutePath().getParent());
    }

    /**
     * Renames a finished file or folder to {@code target}, where nothing is expected to be (whether an existing
     * target is replaced is up to the file system; callers that care check first).
     */
    public static void move(Path source, Path target) throws IOException {
        move(source, target, FILES);
    }

    private static void move(Path source, Path target, Mover mover, CopyOption... options) throws IOException {
        CopyOption[] atomic = java.util.Arrays.copyOf(options, options.length + 1);
        atomic[options.length] = StandardCopyOption.ATOMIC_MOVE;
        try {
            mover.move(source, target, atomic);
        } catch (AtomicMoveNotSupportedException notOnThisFileSystem) {
            mover.move(source, target, options);
        }
    }

    private static void syncFolder(Path folder) {
        if (folder == null) {
            return;
        }
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException unsupported) {
            // Some platforms (Windows) cannot open a folder for fsync; the rename is still atomic there.
        }
    }
}

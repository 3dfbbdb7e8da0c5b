package org.relgraph.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.relgraph.schema.SchemaException;

/**
 * Writes a folder so that readers see the previous complete folder or the new complete one, never a mix, and never
 * at the cost of files relgraph did not write.
 *
 * <p>Everything goes into a hidden temporary sibling, which gets a {@link RelgraphOutputs#MARKER} and is then
 * renamed into place (a rename is atomic within one file system; an existing folder is first renamed aside and
 * deleted once the new one is in place). An existing destination is replaced only when it is empty or everything
 * in it is relgraph's output ({@link RelgraphOutputs#foreignEntries}), unless the policy is
 * {@link ReplacePolicy#ANYTHING}.
 */
public final class OutputFolder {
    /** How many foreign entries an error names before saying "and N more". */
    private static final int NAMED_ENTRIES = 4;

    /** Fills the fresh temporary folder with the output's files. */
    public interface Contents {
        void writeInto(Path folder) throws IOException;
    }

    private OutputFolder() {
    }

    /**
     * Fails, as a one-line user error, unless {@code folder} can be written and then published: its nearest
     * existing ancestor is a writable folder, and an existing {@code folder} may be replaced under {@code policy}.
     * Cheap: commands call it before loading any data.
     */
    public static void checkDestination(Path folder, ReplacePolicy policy) {
        Path target = folder.toAbsolutePath().normalize();
        Path parent = target.getParent();
        if (parent == null) {
            throw new SchemaException("cannot write an output folder at the file system root " + target,
                    "choose a folder below it, e.g. " + target.resolve("relgraph-out"));
        }
        checkCreatable(parent);
        if (!Files.exists(target)) {
            return;
        }
        if (!Files.isDirectory(target)) {
            if (policy == ReplacePolicy.ANYTHING) {
                return;
            }
            throw new SchemaException("output folder " + folder + " is a file, which relgraph did not write",
                    "choose a new folder, or add --force to replace it");
        }
        if (!Files.isWritable(target)) {
            throw new SchemaException("output folder " + folder + " is not writable",
                    "choose a folder you may write to, or fix its permissions");
        }
        if (policy == ReplacePolicy.ANYTHING) {
            return;
        }
        List<String> foreign;
        try {
            foreign = RelgraphOutputs.foreignEntries(target);
        } catch (AccessDeniedException e) {
            throw new SchemaException("cannot read the output folder " + folder + " (permission denied)",
                    "choose a folder you may read and write, or fix its permissions");
        } catch (IOException e) {
            throw new SchemaException("cannot read the output folder " + folder + ": " + e.getMessage(),
                    "choose another folder");
        }
        if (!foreign.isEmpty()) {
            throw new SchemaException("output folder " + folder + " holds files relgraph did not write ("
                    + named(foreign) + ")", "choose a new folder, or add --force to replace it");
        }
    }

    /**
     * Writes {@code folder} all at once: {@code contents} fills a temporary sibling, which replaces an existing
     * folder only if {@link #checkDestination} allows it, checked again just before the swap because a long run
     * gives a user time to put files there.
     *
     * @param kind what the folder is, recorded in its marker (e.g. "GNN model bundle")
     */
    public static void write(Path folder, String kind, ReplacePolicy policy, Contents contents) throws IOException {
        checkDestination(folder, policy);
        Path target = folder.toAbsolutePath().normalize();
        Files.createDirectories(target.getParent());
        Path temporary = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".tmp-");
        try {
            contents.writeInto(temporary);
            RelgraphOutputs.writeMarker(temporary, kind);
            checkDestination(folder, policy);
            publish(temporary, target);
        } finally {
            deleteRecursively(temporary);
        }
    }

    /**
     * Renames {@code finished} to {@code target}. A folder cannot be renamed over a non-empty one, so an existing
     * target is renamed aside first; if the second rename fails it is put back, and a crash in between leaves it
     * intact under its hidden name rather than a mix of both.
     */
    private static void publish(Path finished, Path target) throws IOException {
        Path old = null;
        if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            old = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".old-");
            Files.delete(old);
            AtomicRename.move(target, old);
        }
        try {
            AtomicRename.move(finished, target);
        } catch (IOException e) {
            if (old != null) {
                AtomicRename.move(old, target);
            }
            throw e;
        }
        if (old != null) {
            deleteRecursively(old);
        }
    }

    /** The nearest existing ancestor of a folder to be created must be a folder we may write into. */
    private static void checkCreatable(Path parent) {
        Path existing = parent;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return;
        }
        if (!Files.isDirectory(existing)) {
            throw new SchemaException("cannot create output folder " + parent + ": " + existing + " is a file",
                    "choose a path whose parent folders are folders");
        }
        if (!Files.isWritable(existing)) {
            throw new SchemaException("cannot write into " + existing + " (permission denied)",
                    "choose a folder you may write to, or fix its permissions");
        }
    }

    static String named(List<String> entries) {
        String shown = String.join(", ", entries.subList(0, Math.min(NAMED_ENTRIES, entries.size())));
        return entries.size() > NAMED_ENTRIES ? shown + " and " + (entries.size() - NAMED_ENTRIES) + " more" : shown;
    }

    /**
     * Deletes a folder relgraph made (a temporary or a replaced output), depth first; nothing if it is gone. Only
     * for folders relgraph created itself: it checks nothing.
     */
    public static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}

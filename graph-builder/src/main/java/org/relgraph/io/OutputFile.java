package org.relgraph.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.relgraph.schema.SchemaException;

/**
 * Checks where a single output file goes, before any work is done: its folder exists and is writable, it is not
 * itself a folder, and a file already there is replaced only if relgraph recognises it as its own output (an
 * empty file holds nothing to lose) or the policy is {@link ReplacePolicy#ANYTHING}. Writers publish the file by a
 * rename of a temporary sibling, so the folder must exist: it is not created, to catch a mistyped path at once.
 */
public final class OutputFile {
    private OutputFile() {
    }

    /**
     * @param ours      what relgraph writes there, for messages (e.g. "a training table")
     * @param ownHeader whether an existing table file with these columns is relgraph's output of that kind
     */
    public static void checkDestination(Path file, ReplacePolicy policy, String ours, Predicate<List<String>> ownHeader) {
        Path folder = file.toAbsolutePath().normalize().getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new SchemaException("output folder " + folder + " does not exist",
                    "create the folder first or write to an existing one");
        }
        if (Files.isDirectory(file)) {
            throw new SchemaException("output path " + file + " is a folder",
                    "give a file name such as " + file.resolve("scores" + extension(file)));
        }
        if (!Files.isWritable(folder)) {
            throw new SchemaException("output folder " + folder + " is not writable",
                    "choose a folder you may write to, or fix its permissions");
        }
        if (!Files.exists(file) || policy == ReplacePolicy.ANYTHING || isEmpty(file)) {
            return;
        }
        Optional<List<String>> columns = TableFileHeader.columns(file);
        if (columns.isEmpty()) {
            throw new SchemaException("output file " + file + " exists and is not " + ours + " relgraph wrote "
                    + "(it cannot be read as a table)", "choose a new file, or add --force to replace it");
        }
        if (!ownHeader.test(columns.get())) {
            throw new SchemaException("output file " + file + " exists and is not " + ours + " relgraph wrote "
                    + "(its columns are " + OutputFolder.named(columns.get()) + ")",
                    "choose a new file, or add --force to replace it");
        }
    }

    private static boolean isEmpty(Path file) {
        try {
            return Files.isRegularFile(file) && Files.size(file) == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static String extension(Path file) {
        String name = String.valueOf(file.getFileName());
        int dot = name.lastIndexOf('.');
        return dot < 0 ? ".csv" : name.substring(dot);
    }
}

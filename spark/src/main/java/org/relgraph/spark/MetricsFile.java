package org.relgraph.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.relgraph.io.AtomicRename;
import org.relgraph.io.ReplacePolicy;
import org.relgraph.schema.SchemaException;

/**
 * A job's {@code --metrics FILE}: a small JSON object naming the job, its output and rows, and its
 * {@link SparkStageMetrics}. Written to a temporary sibling and renamed; a file already there is replaced only if
 * it is such a metrics file (it starts with this class's first line) or with {@code --force}.
 */
final class MetricsFile {
    /** The first two lines of every metrics file, by which relgraph recognises its own. */
    private static final String HEAD = "{\n  \"relgraph_spark_metrics\": 1,\n";

    private MetricsFile() {
    }

    /** Before any Spark work: the folder exists, the file is not the job's own output, an existing file is ours. */
    static void checkDestination(Path file, Path jobOutput, ReplacePolicy policy) {
        Path abs = file.toAbsolutePath().normalize();
        if (abs.equals(jobOutput.toAbsolutePath().normalize())) {
            throw new SchemaException("--metrics " + file + " is the --out file",
                    "give the metrics their own file, e.g. " + file + ".metrics.json");
        }
        Path folder = abs.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new SchemaException("--metrics " + file + ": folder " + folder + " does not exist",
                    "create the folder first or write to an existing one");
        }
        if (Files.isDirectory(abs)) {
            throw new SchemaException("--metrics " + file + " is a folder", "give a file name such as "
                    + abs.resolve("metrics.json"));
        }
        if (Files.exists(abs) && policy != ReplacePolicy.ANYTHING && !isOurs(abs)) {
            throw new SchemaException("--metrics " + file + " exists and is not a metrics file relgraph wrote",
                    "choose a new file, or add --force to replace it");
        }
    }

    static void write(Path file, String job, Path jobOutput, long rows, String sparkMetrics) throws IOException {
        String text = HEAD
                + "  \"job\": \"" + job + "\",\n"
                + "  \"out\": \"" + jobOutput.toAbsolutePath().toString().replace("\\", "\\\\").replace("\"", "\\\"")
                + "\",\n"
                + "  \"rows\": " + rows + ",\n"
                + "  \"spark_metrics\": " + sparkMetrics + "\n}\n";
        Path abs = file.toAbsolutePath().normalize();
        Path tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, text);
            AtomicRename.replaceFile(tmp, abs);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static boolean isOurs(Path file) {
        try {
            if (Files.size(file) == 0) {
                return true; // nothing to lose
            }
            byte[] head = new byte[HEAD.length()];
            try (var in = Files.newInputStream(file)) {
                return in.readNBytes(head, 0, head.length) == head.length
                        && new String(head, java.nio.charset.StandardCharsets.UTF_8).equals(HEAD);
            }
        } catch (IOException e) {
            return false;
        }
    }
}

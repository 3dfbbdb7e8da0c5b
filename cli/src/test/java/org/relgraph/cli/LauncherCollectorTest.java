package org.relgraph.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code relgraph} launcher picks the garbage collector from the data: serial for small data (a smaller heap),
 * G1 for large data (serial's fixed old generation stalled the 1M-customer bank). Runs the launcher's own function.
 */
class LauncherCollectorTest {
    private static final Path LAUNCHER = Path.of("..", "relgraph");

    @Test
    void serialForTheDemoBundledDatasetsAndSmallLocalData(@TempDir Path dir) throws Exception {
        Path small = Files.createDirectories(dir.resolve("bank"));
        Files.writeString(small.resolve("customers.csv"), "customer_id\n1\n");
        assertEquals("-XX:+UseSerialGC", collector("demo", "--out", "x"));
        assertEquals("-XX:+UseSerialGC", collector("train", "--dataset", "rel-f1", "--epochs", "3"));
        assertEquals("-XX:+UseSerialGC", collector("train", "--dataset=berka"));
        assertEquals("-XX:+UseSerialGC", collector("train", "--data", small.toString(), "--query", "q"));
        assertEquals("-XX:+UseSerialGC", collector("predict", "--data=" + small, "--model", "m"));
    }

    @Test
    void g1ForLargeRemoteOrUnknownData(@TempDir Path dir) throws Exception {
        Path large = Files.createDirectories(dir.resolve("bank1m"));
        try (RandomAccessFile f = new RandomAccessFile(large.resolve("transactions.parquet").toFile(), "rw")) {
            f.setLength(600L << 20); // sparse: 600 MB apparent size, which is what du -b counts
        }
        assertEquals("-XX:+UseG1GC", collector("train", "--data", large.toString()));
        assertEquals("-XX:+UseG1GC", collector("train", "--data", "jdbc:postgresql://db/bank?user=u"));
        assertEquals("-XX:+UseG1GC", collector("inspect"));
        assertEquals("-XX:+UseG1GC", collector("generate", "bank", "--customers", "1000000"));
    }

    /** Sources the launcher's collector_for function alone (not the launcher, which would build and run the CLI). */
    private static String collector(String... args) throws IOException, InterruptedException {
        String function = extractFunction(Files.readString(LAUNCHER, StandardCharsets.UTF_8));
        List<String> command = new ArrayList<>(List.of("bash", "-c", function + "\ncollector_for \"$@\"", "relgraph"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    private static String extractFunction(String launcher) {
        int start = launcher.indexOf("collector_for() {");
        int end = launcher.indexOf("\n}\n", start);
        if (start < 0 || end < 0) {
            throw new AssertionError("the launcher has no collector_for function");
        }
        return launcher.substring(start, end + 2);
    }
}

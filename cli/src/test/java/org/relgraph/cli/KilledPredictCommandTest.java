package org.relgraph.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code relgraph predict --out x.csv} killed with SIGKILL while it writes: no finally block runs, so only the
 * write-to-a-hidden-temporary-then-rename scheme keeps a partial x.csv from appearing. The command runs in its own
 * JVM, exactly as a user starts it, and is killed the moment anything appears in its output folder.
 */
class KilledPredictCommandTest {
    private static final int ATTEMPTS = 6;

    @TempDir
    static Path tmp;
    static Path bank;
    static Path model;
    static List<String> completeOutput;

    @BeforeAll
    static void trainAndScoreOnce() throws Exception {
        bank = tmp.resolve("bank");
        model = tmp.resolve("model");
        RelgraphCommandTest.Run g = new RelgraphCommandTest.Run("generate", "bank", "--customers", "1500",
                "--out", bank.toString(), "--no-oracle");
        assertEquals(0, g.code, g.err);
        RelgraphCommandTest.Run t = new RelgraphCommandTest.Run("train", "--data", bank.toString(),
                "--query", QueryCommandTest.MORTGAGE, "--train-anchors", "2", "--epochs", "1", "--hidden", "8",
                "--fanouts", "3,2", "--batch-size", "512", "--out", model.toString());
        assertEquals(0, t.code, t.err);
        Path reference = tmp.resolve("reference.csv");
        RelgraphCommandTest.Run p = new RelgraphCommandTest.Run(predictArgs(reference));
        assertEquals(0, p.code, p.err);
        completeOutput = Files.readAllLines(reference);
        assertTrue(completeOutput.size() > 500, "enough rows that writing takes a moment: " + completeOutput.size());
    }

    private static String[] predictArgs(Path out) {
        return new String[] {"predict", "--model", model.toString(), "--data", bank.toString(),
            "--as-of", "2024-06-30", "--out", out.toString(), "--show", "0"};
    }

    private static List<String> namesIn(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aPredictKilledWhileWritingLeavesNoPartialOutputFile() throws Exception {
        int killedBeforeRename = 0;
        List<String> outcomes = new ArrayList<>();
        for (int attempt = 0; attempt < ATTEMPTS && killedBeforeRename == 0; attempt++) {
            Path folder = Files.createDirectory(tmp.resolve("out-" + attempt));
            Path target = folder.resolve("x.csv");
            List<String> command = new ArrayList<>(List.of(
                    ProcessHandle.current().info().command().orElse("java"), "-Xmx2g",
                    "-Dorg.nd4j.log.initialization=false", "-cp", System.getProperty("java.class.path"),
                    RelgraphCommand.class.getName()));
            command.addAll(List.of(predictArgs(target)));
            Process predict = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            boolean sawFile = false;
            // Busy-wait: the file is only being written for milliseconds.
            while (predict.isAlive() && System.nanoTime() < deadline) {
                if (!namesIn(folder).isEmpty()) {
                    sawFile = true;
                    break;
                }
            }
            predict.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            assertTrue(sawFile, "attempt " + attempt + ": predict ended (code " + predict.exitValue()
                    + ") without writing anything");

            List<String> left = namesIn(folder);
            for (String name : left) {
                // A killed process cleans nothing up: a hidden temporary may stay, never a visible partial file.
                assertTrue(name.equals("x.csv") || name.startsWith("."), "visible leftover " + name + " in " + left);
            }
            if (left.contains("x.csv")) {
                // The rename won the race against the kill: then the file must be the complete output.
                assertEquals(completeOutput, Files.readAllLines(target), "x.csv is whole when it exists");
                outcomes.add("renamed before the kill");
            } else {
                killedBeforeRename++;
                outcomes.add("killed mid-write, left " + left);
            }
        }
        System.out.println("killed predict attempts: " + outcomes);
        assertTrue(killedBeforeRename > 0, "no attempt killed predict mid-write: " + outcomes);

        // The next run is not disturbed by what a killed one left behind.
        Path folder = tmp.resolve("out-0");
        RelgraphCommandTest.Run again = new RelgraphCommandTest.Run(predictArgs(folder.resolve("x.csv")));
        assertEquals(0, again.code, again.err);
        assertEquals(completeOutput, Files.readAllLines(folder.resolve("x.csv")));
    }
}

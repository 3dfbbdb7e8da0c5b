package org.relgraph.models.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL, not an exception: no finally block runs, so only the temp-file-and-rename scheme protects the target.
 * The writer runs in its own JVM and is killed as soon as its temporary file appears, i.e. mid-write.
 */
class KilledWriteTest {
    private static final int NEW_ROWS = 500_000;

    @TempDir
    Path folder;

    @Test
    void killingTheWriterMidWriteLeavesTheOldFileWhole() throws Exception {
        Path target = folder.resolve("scores.csv");
        ScoreTable old = SampleScores.propensity(10, 1);
        ScoreOutputs.write(target.toString(), new WriteOptions(LocalDate.of(2025, 2, 28), "old-run"), old);
        byte[] oldBytes = Files.readAllBytes(target);

        Process writer = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), ScoreFileWriterProcess.class.getName(),
                target.toString(), Integer.toString(NEW_ROWS))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        boolean sawTemporaryFile = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (writer.isAlive() && System.nanoTime() < deadline) {
            if (FileScoreWriterTest.filesIn(folder).size() > 1) {
                sawTemporaryFile = true;
                break;
            }
            Thread.sleep(1);
        }
        writer.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

        assertTrue(sawTemporaryFile, "the writer was killed while its temporary file existed");
        List<Path> left = FileScoreWriterTest.filesIn(folder);
        assertTrue(left.contains(target), "target still exists");
        for (Path file : left) {
            // A killed process cannot clean up: a stale hidden temporary file may remain, but never under the target's name.
            assertTrue(file.equals(target) || file.getFileName().toString().startsWith("."), file.toString());
        }
        int rowsNow = FileScoreWriterTest.readBack(target, old).size();
        if (rowsNow == old.rowCount()) {
            assertTrue(java.util.Arrays.equals(oldBytes, Files.readAllBytes(target)), "old file byte for byte");
        } else {
            // The rename won the race against the kill: then the new file must be complete.
            assertEquals(NEW_ROWS, rowsNow);
        }
    }
}

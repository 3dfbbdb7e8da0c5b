package org.relgraph.gnn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.relgraph.gnn.nn.Linear;
import org.relgraph.gnn.optim.Adam;
import org.relgraph.schema.SchemaException;

class TrainingCheckpointTest {
    @TempDir
    Path dir;

    private static Map<String, String> identity(String data) {
        Map<String, String> id = new LinkedHashMap<>();
        id.put("query", "PREDICT x");
        id.put("data", data);
        return id;
    }

    /** A state after one Adam step on a small layer, with a NaN metric that must survive. */
    private static TrainingState state() {
        Linear layer = new Linear("lin", 4, 3, true, DataType.FLOAT, new SplittableRandom(3));
        Adam adam = new Adam(layer.parameters(), Adam.Config.of(0.1));
        layer.parameters().forEach(p -> p.grad().assign(0.25));
        adam.step();
        return new TrainingState(2, WeightCheckpoint.capture(layer), adam.state(), WeightCheckpoint.capture(layer),
                0.75, 1, 1, List.of(0.75, Double.NaN), List.of(0.6, 0.5));
    }

    @Test
    void aSavedStateLoadsBackExactly() {
        TrainingCheckpoint c = new TrainingCheckpoint(dir.resolve(".checkpoint"), identity("sha256:1"));
        assertTrue(c.load().isEmpty(), "no state before the first save");
        TrainingState s = state();
        c.save(s);
        TrainingState back = c.load().orElseThrow();
        assertEquals(s.epoch(), back.epoch());
        assertEquals(s.valHistory(), back.valHistory());
        assertEquals(s.lossHistory(), back.lossHistory());
        assertEquals(s.optimiser().step(), back.optimiser().step());
        for (String name : s.weights().values().keySet()) {
            assertArrayEquals(s.weights().values().get(name).data().asFloat(),
                    back.weights().values().get(name).data().asFloat(), name);
            assertArrayEquals(s.optimiser().secondMoment().get(name).data().asFloat(),
                    back.optimiser().secondMoment().get(name).data().asFloat(), name);
        }
    }

    @Test
    void aStateOfAnotherRunIsRefusedNamingWhatDiffers() {
        new TrainingCheckpoint(dir, identity("sha256:1")).save(state());
        SchemaException e = assertThrows(SchemaException.class,
                () -> new TrainingCheckpoint(dir, identity("sha256:2")).load());
        assertEquals("the training checkpoint in " + dir + " does not match this run's data (sha256:1, now "
                + "sha256:2)", e.getMessage());
        assertTrue(e.hint().contains("without resuming"), e.hint());
    }

    @Test
    void aDamagedOrTruncatedStateIsRefused() throws IOException {
        TrainingCheckpoint c = new TrainingCheckpoint(dir, identity("sha256:1"));
        c.save(state());
        Path file = dir.resolve(TrainingCheckpoint.FILE);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(file, bytes);
        SchemaException flipped = assertThrows(SchemaException.class, c::load);
        assertTrue(flipped.getMessage().contains("checksum"), flipped.getMessage());
        c.save(state());
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(whole, whole.length - 100));
        SchemaException cut = assertThrows(SchemaException.class, c::load);
        assertTrue(cut.getMessage().contains("damaged"), cut.getMessage());
    }

    @Test
    void saveLeavesNoTemporaryAndDeleteRemovesTheFolder() throws IOException {
        Path ckpt = dir.resolve(".checkpoint");
        TrainingCheckpoint c = new TrainingCheckpoint(ckpt, identity("sha256:1"));
        c.save(state());
        Files.writeString(ckpt.resolve(TrainingCheckpoint.FILE + ".tmp-123"), "half a save from a killed run");
        c.save(state());
        try (var files = Files.list(ckpt)) {
            assertEquals(List.of(TrainingCheckpoint.FILE), files.map(p -> p.getFileName().toString()).toList());
        }
        c.delete();
        assertFalse(Files.exists(ckpt));
        assertFalse(c.exists());
    }

    @Test
    void savingStreamsTheStateInsteadOfCopyingItOnTheHeap() throws IOException {
        // A 1M-weight layer: the state holds it four times (16 MB). Buffering the file on the heap cost several times
        // that in short-lived whole-file arrays every epoch; streaming costs a few small buffers.
        Linear layer = new Linear("big", 1000, 1000, false, DataType.FLOAT, new SplittableRandom(5));
        Adam adam = new Adam(layer.parameters(), Adam.Config.of(0.1));
        layer.parameters().forEach(p -> p.grad().assign(0.5));
        adam.step();
        TrainingState s = new TrainingState(1, WeightCheckpoint.capture(layer), adam.state(),
                WeightCheckpoint.capture(layer), 0.5, 1, 0, List.of(0.5), List.of(0.25));
        TrainingCheckpoint c = new TrainingCheckpoint(dir, identity("sha256:1"));
        c.save(s); // first use of the code paths
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        c.save(s);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 2_000_000, "heap bytes allocated by a save of a 16 MB state: " + allocated);
        long identityBytes = 4 * 2 + "query".length() + "PREDICT x".length() + "data".length() + "sha256:1".length();
        assertEquals(3 * 4 + identityBytes + 4 + s.byteSize() + 8, Files.size(dir.resolve(TrainingCheckpoint.FILE)),
                "header, identity, state length, state, CRC");
        TrainingState back = c.load().orElseThrow();
        assertArrayEquals(s.optimiser().firstMoment().get("big.weight").data().asFloat(),
                back.optimiser().firstMoment().get("big.weight").data().asFloat());
        assertArrayEquals(s.bestWeights().values().get("big.weight").data().asFloat(),
                back.bestWeights().values().get("big.weight").data().asFloat());
    }
}

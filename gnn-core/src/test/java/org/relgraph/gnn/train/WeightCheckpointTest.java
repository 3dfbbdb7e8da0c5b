package org.relgraph.gnn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.relgraph.gnn.nn.Linear;
import org.relgraph.gnn.nn.Parameter;
import org.relgraph.schema.SchemaException;

class WeightCheckpointTest {
    private static Linear layer(long seed) {
        return new Linear("lin", 5, 3, true, DataType.FLOAT, new SplittableRandom(seed));
    }

    @Test
    void writtenWeightsReadBackIntoAnotherModuleExactly() throws IOException {
        Linear source = layer(1);
        Linear target = layer(2);
        assertNotEquals(source.weight().value(), target.weight().value());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        WeightCheckpoint.capture(source).write(bytes);
        WeightCheckpoint.read(new ByteArrayInputStream(bytes.toByteArray())).restoreInto(target);
        List<Parameter> a = source.parameters();
        List<Parameter> b = target.parameters();
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).value(), b.get(i).value(), a.get(i).name());
        }
    }

    @Test
    void captureIsACopyNotAView() {
        Linear l = layer(1);
        WeightCheckpoint c = WeightCheckpoint.capture(l);
        float before = c.values().get("lin.weight").getFloat(0, 0);
        l.weight().value().addi(1);
        assertEquals(before, c.values().get("lin.weight").getFloat(0, 0));
        c.restoreInto(l);
        assertEquals(before, l.weight().value().getFloat(0, 0));
    }

    @Test
    void truncatedOrMismatchedWeightsAreRefused() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        WeightCheckpoint.capture(layer(1)).write(bytes);
        byte[] whole = bytes.toByteArray();
        SchemaException truncated = assertThrows(SchemaException.class,
                () -> WeightCheckpoint.read(new ByteArrayInputStream(Arrays.copyOf(whole, whole.length - 3))));
        assertTrue(truncated.getMessage().contains("truncated"), truncated.getMessage());
        Linear wider = new Linear("lin", 6, 3, true, DataType.FLOAT, new SplittableRandom(1));
        SchemaException shape = assertThrows(SchemaException.class,
                () -> WeightCheckpoint.read(new ByteArrayInputStream(whole)).restoreInto(wider));
        assertTrue(shape.getMessage().contains("lin.weight"), shape.getMessage());
    }
}

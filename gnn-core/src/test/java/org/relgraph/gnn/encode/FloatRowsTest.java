package org.relgraph.gnn.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class FloatRowsTest {
    @Test
    void holdsTheRowsInRowMajorOrder() {
        INDArray m = FloatRows.matrix(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertEquals(DataType.FLOAT, m.dataType());
        assertArrayEquals(new long[] {2, 3}, m.shape());
        assertArrayEquals(new float[] {4, 5, 6}, m.getRow(1).toFloatVector());
        assertEquals(3f, m.getFloat(0, 2));
    }

    @Test
    void emptyAndMismatchedShapes() {
        assertArrayEquals(new long[] {0, 4}, FloatRows.matrix(new float[0], 0, 4).shape());
        assertThrows(IllegalArgumentException.class, () -> FloatRows.matrix(new float[5], 2, 3));
    }
}

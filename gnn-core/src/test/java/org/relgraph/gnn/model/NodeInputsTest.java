package org.relgraph.gnn.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NodeInputsTest {
    private static final int[] UNIQUE = {0, 1, 0, 2, 1};

    @Test
    void distinctRowsStandForEveryNodeThatRepeatsThem() {
        INDArray distinct = Nd4j.createFromArray(new float[][] {{1, 2}, {3, 4}, {5, 6}});
        NodeInputs in = NodeInputs.ofDistinct(distinct, new int[][] {{7, 8, 9}}, UNIQUE);
        assertEquals(5, in.size());
        assertEquals(3, in.uniqueCount());
        assertSame(distinct, in.distinctFeatures(), "the model reads the stored rows, no copy");
        assertArrayEquals(new float[][] {{1, 2}, {3, 4}, {1, 2}, {5, 6}, {3, 4}}, in.features().toFloatMatrix());
        assertArrayEquals(new int[] {0, 1, 3}, in.firstRows());
        assertArrayEquals(new int[][] {{7, 8, 7, 9, 8}}, in.categoryCodes());
        assertArrayEquals(new int[][] {{7, 8, 9}}, in.distinctCategoryCodes());
        NodeInputs perNode = new NodeInputs(in.features(), in.categoryCodes(), UNIQUE);
        assertEquals(in.distinctFeatures(), perNode.distinctFeatures(), "per-node storage gives the same rows");
        assertArrayEquals(in.distinctCategoryCodes(), perNode.distinctCategoryCodes());
    }

    @Test
    void rowsMustMatchTheIndex() {
        INDArray two = Nd4j.createFromArray(new float[][] {{1, 2}, {3, 4}});
        assertThrows(IllegalArgumentException.class, () -> NodeInputs.ofDistinct(two, new int[][] {}, UNIQUE));
        assertThrows(IllegalArgumentException.class, () -> NodeInputs.ofDistinct(two, new int[][] {}, null));
        assertThrows(IllegalArgumentException.class, () -> new NodeInputs(two, new int[][] {}, UNIQUE));
        assertThrows(IllegalArgumentException.class, () -> new NodeInputs(two, new int[][] {{1, 2, 3}}));
    }
}

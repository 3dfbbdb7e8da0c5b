package org.relgraph.gnn.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class MatricesTest {
    @Test
    void rowsEqualToDoubleMatrixForFloatsViewsAndFortranOrder() {
        INDArray m = Nd4j.rand(DataType.FLOAT, 7, 3);
        assertArrayEquals(m.castTo(DataType.DOUBLE).toDoubleMatrix(), Matrices.rows(m));
        INDArray f = m.dup('f');
        assertArrayEquals(m.castTo(DataType.DOUBLE).toDoubleMatrix(), Matrices.rows(f));
        // A column slice is a strided view: its rows are not contiguous in the buffer.
        INDArray view = Nd4j.rand(DataType.DOUBLE, 5, 4).get(
                org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 3));
        assertArrayEquals(view.toDoubleMatrix(), Matrices.rows(view));
    }

    @Test
    void rowMajorReadsRowsInOrder() {
        INDArray m = Nd4j.create(new double[][] {{1, 2}, {3, 4}, {5, 6}}).dup('f');
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, Matrices.rowMajor(m));
    }

    @Test
    void emptyAndNonMatrixInputs() {
        assertEquals(0, Matrices.rows(Nd4j.create(DataType.FLOAT, 0, 1)).length);
        assertThrows(IllegalArgumentException.class, () -> Matrices.rows(Nd4j.rand(DataType.FLOAT, 2, 2, 2)));
    }
}

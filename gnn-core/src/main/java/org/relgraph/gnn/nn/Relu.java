package org.relgraph.gnn.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/** max(x, 0), as row loops over the buffers: cheaper than ND4J's compare + cast + multiply chain. */
public final class Relu extends Layer {
    private INDArray input;

    @Override
    public INDArray forward(INDArray x) {
        input = x;
        RowAccess in = new RowAccess(x);
        RowAccess out = RowAccess.allocateLike(in.array());
        int d = in.cols();
        new RowChunks(in.rows(), d).run((chunk, lo, hi) -> {
            RowAccess.Cursor inC = in.cursor();
            RowAccess.Cursor outC = out.cursor();
            double[] row = new double[d];
            for (int r = lo; r < hi; r++) {
                inC.read(r, row);
                for (int j = 0; j < d; j++) {
                    row[j] = row[j] > 0 ? row[j] : 0.0;
                }
                outC.write(r, row);
            }
        });
        return out.array();
    }

    @Override
    public INDArray backward(INDArray gradOut) {
        if (input == null) {
            throw backwardBeforeForward(this);
        }
        RowAccess x = new RowAccess(input);
        RowAccess g = new RowAccess(gradOut);
        RowAccess dx = RowAccess.allocateLike(g.array());
        int d = x.cols();
        new RowChunks(x.rows(), 2L * d).run((chunk, lo, hi) -> {
            RowAccess.Cursor xC = x.cursor();
            RowAccess.Cursor gC = g.cursor();
            RowAccess.Cursor dxC = dx.cursor();
            double[] xr = new double[d];
            double[] gr = new double[d];
            for (int r = lo; r < hi; r++) {
                xC.read(r, xr);
                gC.read(r, gr);
                for (int j = 0; j < d; j++) {
                    gr[j] = xr[j] > 0 ? gr[j] : 0.0;
                }
                dxC.write(r, gr);
            }
        });
        return dx.array();
    }
}

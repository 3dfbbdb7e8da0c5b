package org.relgraph.gnn.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.relgraph.gnn.encode.RelativeTimeEncoding;
import org.relgraph.gnn.model.NodeInputs;

class AttributionBaselineTest {
    private static final long DAY = 86_400_000L;

    @Test
    void numericFeaturesGoToZeroTimedNodesToAgeZeroAndStaticNodesKeepTheirTime() {
        INDArray numeric = Nd4j.createFromArray(new float[][] {{1.5f, -2f}, {0.3f, 1f}});
        INDArray time = Nd4j.vstack(RelativeTimeEncoding.encode(new long[] {40 * DAY}),
                RelativeTimeEncoding.encodeStatic(1));
        NodeInputs in = new NodeInputs(Nd4j.hstack(numeric, time), new int[0][]);
        INDArray base = AttributionBaseline.features(in);
        assertEquals(in.features().size(1), base.size(1));
        INDArray ageZero = RelativeTimeEncoding.encode(new long[] {0});
        for (int c = 0; c < 2; c++) {
            assertEquals(0.0, base.getDouble(0, c), 0.0);
            assertEquals(0.0, base.getDouble(1, c), 0.0);
        }
        for (int c = 0; c < RelativeTimeEncoding.WIDTH; c++) {
            assertEquals(ageZero.getDouble(0, c), base.getDouble(0, 2 + c), 0.0, "timed node, time column " + c);
            assertEquals(time.getDouble(1, c), base.getDouble(1, 2 + c), 0.0, "static node, time column " + c);
        }
        assertEquals(1.0, ageZero.getDouble(0, 2), 0.0, "cos of a zero age is 1, not the 0 of 'no signal'");
        assertEquals(1.5f, in.features().getFloat(0, 0), 0.0f, "the input is left alone");
    }
}

package org.relgraph.gnn.explain;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.relgraph.gnn.encode.CategoricalEncoding;
import org.relgraph.gnn.encode.RelativeTimeEncoding;
import org.relgraph.gnn.model.NodeInputs;

/**
 * The neutral input an attribution is measured from, i.e. "nothing known about this node":
 *
 * <ul>
 *   <li>encoded numeric features 0: the robust-scaled median for values, "not missing" for missing flags, no word
 *       and no calendar signal for the rest;</li>
 *   <li>relative-time features of a node of a timed table: those of a node known at its seed's own time (age 0),
 *       so the time features are credited with how long ago the row happened; a static table's node keeps its
 *       own (constant) time features, which then get no attribution;</li>
 *   <li>categorical columns: the embedding of {@link CategoricalEncoding#UNKNOWN_CODE}, the unknown/rare bucket.</li>
 * </ul>
 *
 * Age 0 rather than, say, the median age, because "it happened just now" needs no statistic of the data and reads
 * plainly in an explanation ("because it happened 40 days ago rather than today").
 */
public final class AttributionBaseline {
    public static final int CATEGORY_CODE = CategoricalEncoding.UNKNOWN_CODE;

    private static final INDArray AGE_ZERO = RelativeTimeEncoding.encode(new long[] {0});

    private AttributionBaseline() {
    }

    /** @return a new [n, features] matrix: the baseline of {@code in.features()} */
    public static INDArray features(NodeInputs in) {
        INDArray x = in.features();
        INDArray base = Nd4j.zeros(x.dataType(), x.size(0), x.size(1));
        long timeStart = x.size(1) - RelativeTimeEncoding.WIDTH;
        long staticFlag = x.size(1) - 1;
        for (long i = 0; i < x.size(0); i++) {
            INDArray time = x.getDouble(i, staticFlag) == 1.0
                    ? x.get(NDArrayIndex.point(i), NDArrayIndex.interval(timeStart, x.size(1)))
                    : AGE_ZERO.getRow(0);
            base.get(NDArrayIndex.point(i), NDArrayIndex.interval(timeStart, x.size(1))).assign(time);
        }
        return base;
    }
}

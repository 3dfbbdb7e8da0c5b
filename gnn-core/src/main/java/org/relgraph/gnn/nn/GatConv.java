package org.relgraph.gnn.nn;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Graph attention (GAT, one head) for one edge type, with the neighbour's age in the score. Per edge j → i:
 *
 * <pre>
 *   score_ji = LeakyReLU_0.2(a_dst · W h_i + a_src · W h_j + a_t · t_j)
 *   α_ji     = softmax of score over the edges of this type into i
 *   out_i    = Σ_j α_ji · w_ji · W h_j
 * </pre>
 *
 * with W shared by sources and destinations (both are in the layer's input space), t_j the source row's relative time
 * (log1p of its age in days, the first {@code RelativeTimeEncoding} feature; 0 for static rows and when no times are
 * given), and w_ji the optional {@link EdgeIndex#weights() edge weight}, 1 in training. A weight of 0 removes the
 * message but the edge still takes its share of the softmax, as a mean's count does in {@link SageConv}.
 *
 * <p>In PyG's terms: message = α·W h_j (α needs the destination's softmax), aggregate = sum. a_t starts at 0, so an
 * untrained layer attends by content alone and learns how much recency should matter.
 */
public final class GatConv extends RelationConv {
    private static final double NEGATIVE_SLOPE = 0.2;

    private final Parameter weight; // [in, out]
    private final Parameter attSrc; // [1, out]
    private final Parameter attDst; // [1, out]
    private final Parameter attTime; // [1, 1]
    /** Sums α·w times the source rows (W h_j, or h_j when W comes after) into destinations; its per-edge weight
     * gradient is dLoss/d(α·w). */
    private final NeighborAggregate aggregate = addChild(new NeighborAggregate(Aggregation.SUM));

    private INDArray lastSrc;
    private INDArray lastDst;
    private INDArray srcProjection; // W · a_src^T, [in, 1]
    private INDArray dstProjection; // W · a_dst^T, [in, 1]
    private boolean transformFirst;
    private INDArray aggregated; // Σ α·w·h_j per destination, [numDst, in], when the transform came last
    private double[] time;
    private EdgeIndex edges;
    private Grouping byDst;
    private double[] raw;
    private double[] alpha;
    private double[] edgeWeightGradient;

    /** @param name prefix of the parameter names: {@code name.gat.weight}, {@code .att_src}, {@code .att_dst}, {@code .att_time} */
    public GatConv(String name, int in, int out, DataType dtype, SplittableRandom rng) {
        weight = addParameter(new Parameter(name + ".gat.weight", WeightInit.GLOROT_UNIFORM.matrix(in, out, dtype, rng)));
        attSrc = addParameter(new Parameter(name + ".gat.att_src", WeightInit.GLOROT_UNIFORM.matrix(1, out, dtype, rng)));
        attDst = addParameter(new Parameter(name + ".gat.att_dst", WeightInit.GLOROT_UNIFORM.matrix(1, out, dtype, rng)));
        attTime = addParameter(new Parameter(name + ".gat.att_time", Nd4j.zeros(dtype, 1, 1)));
    }

    /**
     * Scores use a · W h = h · (W a), so no row is transformed just to be scored; the messages are then summed and
     * transformed on whichever side has fewer rows (Σ α W h_j = W Σ α h_j), as {@link SageConv} does.
     */
    @Override
    public INDArray forward(INDArray xSrc, INDArray xDst, double[] srcTime, EdgeIndex idx) {
        int numDst = (int) xDst.size(0);
        lastSrc = xSrc;
        lastDst = xDst;
        time = srcTime;
        edges = idx;
        edgeWeightGradient = null;
        srcProjection = Nd4j.gemm(weight.value(), attSrc.value(), false, true);
        dstProjection = Nd4j.gemm(weight.value(), attDst.value(), false, true);
        double[] sSrc = column(Nd4j.gemm(xSrc, srcProjection, false, false));
        double[] sDst = column(Nd4j.gemm(xDst, dstProjection, false, false));
        double aT = attTime.value().getDouble(0);
        int[] src = idx.src();
        int[] dst = idx.dst();
        int m = src.length;
        raw = new double[m];
        double[] score = new double[m];
        for (int e = 0; e < m; e++) {
            raw[e] = sSrc[src[e]] + sDst[dst[e]] + (srcTime == null ? 0 : aT * srcTime[src[e]]);
            score[e] = raw[e] > 0 ? raw[e] : NEGATIVE_SLOPE * raw[e];
        }
        byDst = Grouping.byKey(dst, numDst);
        alpha = new double[m];
        for (int g = 0; g < numDst; g++) {
            int begin = byDst.begin(g);
            int end = byDst.end(g);
            if (begin == end) {
                continue;
            }
            double max = Double.NEGATIVE_INFINITY;
            for (int k = begin; k < end; k++) {
                max = Math.max(max, score[byDst.member(k)]);
            }
            double sum = 0;
            for (int k = begin; k < end; k++) {
                int e = byDst.member(k);
                alpha[e] = Math.exp(score[e] - max);
                sum += alpha[e];
            }
            for (int k = begin; k < end; k++) {
                alpha[byDst.member(k)] /= sum;
            }
        }
        double[] coefficient = alpha.clone();
        if (idx.weights() != null) {
            for (int e = 0; e < m; e++) {
                coefficient[e] *= idx.weights()[e];
            }
        }
        transformFirst = xSrc.size(0) < numDst;
        if (transformFirst) {
            aggregated = null;
            return aggregate.forward(Nd4j.gemm(xSrc, weight.value(), false, false), src, dst, numDst, coefficient);
        }
        aggregated = aggregate.forward(xSrc, src, dst, numDst, coefficient);
        return Nd4j.gemm(aggregated, weight.value(), false, false);
    }

    @Override
    public Gradients backward(INDArray gradOut) {
        if (edges == null) {
            throw backwardBeforeForward(this);
        }
        INDArray gradSrc;
        if (transformFirst) {
            INDArray gradHSrc = aggregate.backward(gradOut);
            weight.accumulateGrad(Nd4j.gemm(lastSrc, gradHSrc, true, false));
            gradSrc = Nd4j.gemm(gradHSrc, weight.value(), false, true);
        } else {
            weight.accumulateGrad(Nd4j.gemm(aggregated, gradOut, true, false));
            gradSrc = aggregate.backward(Nd4j.gemm(gradOut, weight.value(), false, true));
        }
        double[] gradCoefficient = aggregate.weightGradient();
        double[] w = edges.weights();
        int[] src = edges.src();
        int[] dst = edges.dst();
        int m = src.length;
        double[] gradAlpha = new double[m];
        if (w != null) {
            edgeWeightGradient = new double[m];
        }
        for (int e = 0; e < m; e++) {
            gradAlpha[e] = w == null ? gradCoefficient[e] : gradCoefficient[e] * w[e];
            if (w != null) {
                edgeWeightGradient[e] = gradCoefficient[e] * alpha[e];
            }
        }
        // Softmax: dScore_e = α_e (dα_e - Σ_group α·dα); then through the LeakyReLU.
        double[] gradRaw = new double[m];
        for (int g = 0; g < byDst.numGroups(); g++) {
            double dot = 0;
            for (int k = byDst.begin(g); k < byDst.end(g); k++) {
                int e = byDst.member(k);
                dot += alpha[e] * gradAlpha[e];
            }
            for (int k = byDst.begin(g); k < byDst.end(g); k++) {
                int e = byDst.member(k);
                gradRaw[e] = alpha[e] * (gradAlpha[e] - dot) * (raw[e] > 0 ? 1 : NEGATIVE_SLOPE);
            }
        }
        int numSrc = (int) lastSrc.size(0);
        int numDst = (int) lastDst.size(0);
        double[] gradSSrc = new double[numSrc];
        double[] gradSDst = new double[numDst];
        double[] gradTime = time == null ? null : new double[numSrc];
        double aT = attTime.value().getDouble(0);
        double gradAT = 0;
        for (int e = 0; e < m; e++) {
            gradSSrc[src[e]] += gradRaw[e];
            gradSDst[dst[e]] += gradRaw[e];
            if (time != null) {
                gradAT += gradRaw[e] * time[src[e]];
                gradTime[src[e]] += gradRaw[e] * aT;
            }
        }
        DataType type = lastSrc.dataType();
        attTime.accumulateGrad(Nd4j.scalar(type, gradAT).reshape(1, 1));
        INDArray gSSrc = Nd4j.createFromArray(gradSSrc).castTo(type).reshape(numSrc, 1);
        INDArray gSDst = Nd4j.createFromArray(gradSDst).castTo(type).reshape(numDst, 1);
        // s = x · W a^T: with u = x^T ds, dW += u a and da = u^T W; dx = ds (W a^T)^T.
        INDArray uSrc = Nd4j.gemm(lastSrc, gSSrc, true, false);
        attSrc.accumulateGrad(Nd4j.gemm(uSrc, weight.value(), true, false));
        weight.accumulateGrad(Nd4j.gemm(uSrc, attSrc.value(), false, false));
        gradSrc.addi(Nd4j.gemm(gSSrc, srcProjection, false, true));
        INDArray uDst = Nd4j.gemm(lastDst, gSDst, true, false);
        attDst.accumulateGrad(Nd4j.gemm(uDst, weight.value(), true, false));
        weight.accumulateGrad(Nd4j.gemm(uDst, attDst.value(), false, false));
        INDArray gradDst = Nd4j.gemm(gSDst, dstProjection, false, true);
        return new Gradients(gradSrc, gradDst, gradTime);
    }

    @Override
    public double[] edgeWeightGradient() {
        return edgeWeightGradient;
    }

    private static double[] column(INDArray c) {
        return c.castTo(DataType.DOUBLE).reshape(c.length()).toDoubleVector();
    }
}

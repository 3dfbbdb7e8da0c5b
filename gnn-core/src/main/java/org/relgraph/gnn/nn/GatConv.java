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
    /** Sums α·w·W h_j into destinations; its per-edge weight gradient is dLoss/d(α·w). */
    private final NeighborAggregate aggregate = addChild(new NeighborAggregate(Aggregation.SUM));

    private INDArray lastSrc;
    private INDArray lastDst;
    private INDArray hSrc;
    private INDArray hDst;
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

    @Override
    public INDArray forward(INDArray xSrc, INDArray xDst, double[] srcTime, EdgeIndex idx) {
        int numDst = (int) xDst.size(0);
        lastSrc = xSrc;
        lastDst = xDst;
        time = srcTime;
        edges = idx;
        edgeWeightGradient = null;
        hSrc = Nd4j.gemm(xSrc, weight.value(), false, false);
        hDst = Nd4j.gemm(xDst, weight.value(), false, false);
        double[] sSrc = column(Nd4j.gemm(hSrc, attSrc.value(), false, true));
        double[] sDst = column(Nd4j.gemm(hDst, attDst.value(), false, true));
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
        return aggregate.forward(hSrc, src, dst, numDst, coefficient);
    }

    @Override
    public Gradients backward(INDArray gradOut) {
        if (edges == null) {
            throw backwardBeforeForward(this);
        }
        INDArray gradHSrc = aggregate.backward(gradOut);
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
        int numSrc = (int) hSrc.size(0);
        int numDst = (int) hDst.size(0);
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
        DataType type = hSrc.dataType();
        INDArray gSSrc = Nd4j.createFromArray(gradSSrc).castTo(type).reshape(numSrc, 1);
        INDArray gSDst = Nd4j.createFromArray(gradSDst).castTo(type).reshape(numDst, 1);
        attSrc.accumulateGrad(Nd4j.gemm(gSSrc, hSrc, true, false));
        attDst.accumulateGrad(Nd4j.gemm(gSDst, hDst, true, false));
        attTime.accumulateGrad(Nd4j.scalar(type, gradAT).reshape(1, 1));
        gradHSrc.addi(Nd4j.gemm(gSSrc, attSrc.value(), false, false));
        INDArray gradHDst = Nd4j.gemm(gSDst, attDst.value(), false, false);
        weight.accumulateGrad(Nd4j.gemm(lastSrc, gradHSrc, true, false));
        weight.accumulateGrad(Nd4j.gemm(lastDst, gradHDst, true, false));
        INDArray gradSrc = Nd4j.gemm(gradHSrc, weight.value(), false, true);
        INDArray gradDst = Nd4j.gemm(gradHDst, weight.value(), false, true);
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

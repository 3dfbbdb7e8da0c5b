package org.relgraph.gnn.model;

import java.util.Arrays;
import java.util.Objects;
import java.util.TreeSet;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.relgraph.gnn.nn.Matrices;
import org.relgraph.gnn.nn.loss.BinaryCrossEntropyWithLogits;
import org.relgraph.gnn.nn.loss.L1Loss;
import org.relgraph.gnn.nn.loss.LossValue;
import org.relgraph.gnn.nn.loss.SoftmaxCrossEntropy;
import org.relgraph.query.TaskType;
import org.relgraph.schema.SchemaException;

/**
 * How the model's output rows become a loss and user-facing scores for one task, with the statistics fitted on the
 * training labels (stored in the bundle so scores stay the same after reload).
 *
 * @param positiveWeight BINARY: weight of positive examples in the loss, negatives / positives capped at
 *                       {@value #MAX_POSITIVE_WEIGHT}, so a rare positive class is not ignored; scores undo its
 *                       shift of the odds
 * @param targetMean     REGRESSION: the model predicts (label - mean) / std, which keeps the L1 gradient scale
 *                       independent of the label's units
 * @param classes        MULTICLASS: the label values seen in training, ascending; output column k is classes[k]
 */
public record PredictionHead(TaskType taskType, double positiveWeight, double targetMean, double targetStd,
                             double[] classes) {
    public static final double MAX_POSITIVE_WEIGHT = 50;

    public PredictionHead {
        Objects.requireNonNull(taskType, "taskType");
        classes = classes == null ? new double[0] : classes.clone();
    }

    /** @throws SchemaException for ranking queries, which {@link RankingGnn} scores instead */
    public static PredictionHead fit(TaskType task, double[] trainLabels) {
        switch (task) {
            case BINARY -> {
                long positives = Arrays.stream(trainLabels).filter(y -> y > 0.5).count();
                long negatives = trainLabels.length - positives;
                double w = positives == 0 ? 1 : Math.min(MAX_POSITIVE_WEIGHT, Math.max(1e-3, (double) negatives / positives));
                return new PredictionHead(task, w, 0, 1, null);
            }
            case REGRESSION -> {
                double mean = Arrays.stream(trainLabels).average().orElse(0);
                double var = Arrays.stream(trainLabels).map(y -> (y - mean) * (y - mean)).average().orElse(0);
                double std = var > 0 ? Math.sqrt(var) : 1;
                return new PredictionHead(task, 1, mean, std, null);
            }
            case MULTICLASS -> {
                TreeSet<Double> seen = new TreeSet<>();
                for (double y : trainLabels) {
                    seen.add(y);
                }
                if (seen.size() < 2) {
                    throw new SchemaException("the training examples have " + seen.size() + " distinct class(es)",
                            "a classifier needs at least two classes; widen the time window or the entity filter");
                }
                return new PredictionHead(task, 1, 0, 1, seen.stream().mapToDouble(Double::doubleValue).toArray());
            }
            default -> throw new SchemaException("ranking queries have no PredictionHead: RankingGnn scores actions",
                    "train ARGMAX queries with GnnRanker (relgraph train does this for you)");
        }
    }

    /** Width of the model's output rows. */
    public int outputs() {
        return taskType == TaskType.MULTICLASS ? classes.length : 1;
    }

    /** @param output [n, outputs()] */
    public LossValue loss(INDArray output, double[] labels) {
        return switch (taskType) {
            case BINARY -> new BinaryCrossEntropyWithLogits(positiveWeight).compute(output, column(labels, output));
            case REGRESSION -> {
                double[] z = new double[labels.length];
                for (int i = 0; i < z.length; i++) {
                    z[i] = (labels[i] - targetMean) / targetStd;
                }
                yield new L1Loss().compute(output, column(z, output));
            }
            case MULTICLASS -> {
                int[] idx = new int[labels.length];
                for (int i = 0; i < idx.length; i++) {
                    idx[i] = classIndex(labels[i]);
                    if (idx[i] < 0) {
                        throw new IllegalArgumentException("label " + labels[i] + " is not a training class");
                    }
                }
                yield new SoftmaxCrossEntropy().compute(output, idx);
            }
            case RANKING -> throw new IllegalStateException("ranking is scored by RankingGnn, not PredictionHead");
        };
    }

    /**
     * @return per row: BINARY {probability}, REGRESSION {value in label units}, MULTICLASS the probability of each
     *         of {@link #classes()}
     */
    public double[][] scores(INDArray output) {
        INDArray s = switch (taskType) {
            // Weighting positives by w moves the loss's optimal logit up by log(w) (the odds are scaled by w);
            // undoing that shift turns the output back into a probability of the true class balance.
            case BINARY -> Transforms.sigmoid(output.sub(Math.log(positiveWeight)), false);
            case REGRESSION -> output.mul(targetStd).addi(targetMean);
            case MULTICLASS -> Transforms.softmax(output.castTo(DataType.DOUBLE), true);
            case RANKING -> throw new IllegalStateException("ranking is scored by RankingGnn, not PredictionHead");
        };
        return Matrices.rows(s);
    }

    /** Index of {@code label} in {@link #classes()}, or -1 for a class training never saw. */
    public int classIndex(double label) {
        int i = Arrays.binarySearch(classes, label);
        return i < 0 ? -1 : i;
    }

    @Override
    public double[] classes() {
        return classes.clone();
    }

    private static INDArray column(double[] values, INDArray like) {
        return Nd4j.create(values, new long[] {values.length, 1}, DataType.DOUBLE).castTo(like.dataType());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PredictionHead h && taskType == h.taskType && positiveWeight == h.positiveWeight
                && targetMean == h.targetMean && targetStd == h.targetStd && Arrays.equals(classes, h.classes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(taskType, positiveWeight, targetMean, targetStd, Arrays.hashCode(classes));
    }

    @Override
    public String toString() {
        return "PredictionHead[" + taskType + ", positiveWeight=" + positiveWeight + ", mean=" + targetMean
                + ", std=" + targetStd + ", classes=" + Arrays.toString(classes) + "]";
    }
}

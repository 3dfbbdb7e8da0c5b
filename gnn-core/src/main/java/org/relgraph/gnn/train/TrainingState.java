package org.relgraph.gnn.train;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.relgraph.gnn.optim.Adam;

/**
 * Everything {@link Trainer#fit} or {@link RankingTrainer#fit} (their shared {@link EpochLoop}) needs to continue after epoch {@code epoch} exactly as if it had never stopped:
 * the current weights, Adam's moments and step count, and the early-stopping bookkeeping (the best epoch's
 * weights, its metric, epochs since it, and the per-epoch histories). Nothing random is kept: every random stream
 * of an epoch is derived from (seed, epoch), see {@link Trainer}.
 *
 * <p>Binary form (big-endian): epoch, best epoch, best metric, epochs since best, Adam step, the two histories,
 * then four length-prefixed {@link WeightCheckpoint} blocks: weights, best weights, first and second moments.
 * Float32 tensors and float64 scalars are stored exactly, so a resumed run is bit-identical.
 *
 * @param epoch      epochs completed (1-based count)
 * @param sinceBest  epochs completed since the best one (patience counter)
 */
public record TrainingState(int epoch, WeightCheckpoint weights, Adam.State optimiser, WeightCheckpoint bestWeights,
                            double bestMetric, int bestEpoch, int sinceBest, List<Double> valHistory,
                            List<Double> lossHistory) {
    public TrainingState {
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(optimiser, "optimiser");
        Objects.requireNonNull(bestWeights, "bestWeights");
        valHistory = List.copyOf(valHistory);
        lossHistory = List.copyOf(lossHistory);
        if (valHistory.size() != epoch || lossHistory.size() != epoch) {
            throw new IllegalArgumentException("after " + epoch + " epochs the histories must have " + epoch
                    + " entries, got " + valHistory.size() + " and " + lossHistory.size());
        }
    }

    public void write(OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.writeInt(epoch);
        data.writeInt(bestEpoch);
        data.writeDouble(bestMetric);
        data.writeInt(sinceBest);
        data.writeInt(optimiser.step());
        for (int e = 0; e < epoch; e++) {
            data.writeDouble(valHistory.get(e));
            data.writeDouble(lossHistory.get(e));
        }
        block(data, weights);
        block(data, bestWeights);
        block(data, WeightCheckpoint.of(optimiser.firstMoment()));
        block(data, WeightCheckpoint.of(optimiser.secondMoment()));
        data.flush();
    }

    /** How many bytes {@link #write} writes, so a container can prefix the state with its length and stream it. */
    public long byteSize() {
        long blocks = 4L * Integer.BYTES + weights.byteSize() + bestWeights.byteSize()
                + WeightCheckpoint.byteSize(optimiser.firstMoment()) + WeightCheckpoint.byteSize(optimiser.secondMoment());
        return 4L * Integer.BYTES + Double.BYTES + 2L * Double.BYTES * epoch + blocks; // 4 counters, best metric
    }

    /** Reads what {@link #write} wrote; the caller has already verified the bytes are intact. */
    public static TrainingState read(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        int epoch = data.readInt();
        int bestEpoch = data.readInt();
        double bestMetric = data.readDouble();
        int sinceBest = data.readInt();
        int step = data.readInt();
        if (epoch < 0 || epoch > 1_000_000) {
            throw new IOException("implausible epoch count " + epoch);
        }
        List<Double> val = new ArrayList<>();
        List<Double> loss = new ArrayList<>();
        for (int e = 0; e < epoch; e++) {
            val.add(data.readDouble());
            loss.add(data.readDouble());
        }
        WeightCheckpoint weights = block(data);
        WeightCheckpoint best = block(data);
        WeightCheckpoint m = block(data);
        WeightCheckpoint v = block(data);
        return new TrainingState(epoch, weights, new Adam.State(step, m.values(), v.values()), best, bestMetric,
                bestEpoch, sinceBest, val, loss);
    }

    // Length-prefixed because a weights file insists on ending after its last parameter. Streamed, not buffered:
    // a block is as large as the model.
    private static void block(DataOutputStream data, WeightCheckpoint w) throws IOException {
        data.writeInt(Math.toIntExact(w.byteSize()));
        w.write(data);
    }

    private static WeightCheckpoint block(DataInputStream data) throws IOException {
        int length = data.readInt();
        if (length < 0) {
            throw new IOException("negative block length " + length);
        }
        byte[] b = data.readNBytes(length);
        if (b.length != length) {
            throw new IOException("block ends early");
        }
        return WeightCheckpoint.read(new ByteArrayInputStream(b));
    }
}

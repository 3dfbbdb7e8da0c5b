package org.relgraph.gnn.train;

import java.time.Duration;

/**
 * Where training is, for progress bars and logs.
 *
 * @param epoch          1-based
 * @param batch          1-based batch within the epoch; equals {@code batches} at epoch end
 * @param loss           mean training loss over the epoch's batches so far (weighted by the example weights,
 *                       when training has them: the loss it optimises)
 * @param seedsPerSecond training examples per second over the epoch so far (sampling, encoding and math)
 * @param valMetric      the epoch's validation metric at epoch end, NaN before
 * @param eta            time left if every remaining epoch runs (early stopping may end sooner)
 */
public record TrainingProgress(int epoch, int epochs, int batch, int batches, double loss, double seedsPerSecond,
                               ValidationMetric metric, double valMetric, Duration eta) {
}

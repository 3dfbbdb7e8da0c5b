package org.relgraph.gnn.train;

import java.util.List;

/**
 * @param bestEpoch     1-based epoch whose weights the model holds after {@link Trainer#fit}; 0 when
 *                      {@link RankingTrainer#fit} kept its starting weights
 * @param valHistory    validation metric after each epoch run
 * @param lossHistory   mean training loss of each epoch run
 */
public record TrainingResult(ValidationMetric metric, int bestEpoch, double bestValMetric, List<Double> valHistory,
                             List<Double> lossHistory) {
    public TrainingResult {
        valHistory = List.copyOf(valHistory);
        lossHistory = List.copyOf(lossHistory);
    }

    public int epochsRun() {
        return valHistory.size();
    }
}

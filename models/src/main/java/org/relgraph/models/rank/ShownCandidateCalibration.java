package org.relgraph.models.rank;

import java.util.ArrayList;
import java.util.List;
import org.relgraph.query.RankingSeeds;
import org.relgraph.metrics.PlattScaling;

/**
 * The propensity calibration every {@link ActionRanker} uses: Platt scaling fitted on the validation split's shown
 * candidates, so PROPENSITY reads as "probability the customer accepts this action if it is taken". Rankers score
 * P(shown and accepted) over the whole action space; this maps those scores back to acceptance once shown.
 */
public final class ShownCandidateCalibration {
    private ShownCandidateCalibration() {
    }

    /**
     * @param probs [seeds][actions] raw scores of {@code val}
     * @return null when validation lacks accepted or refused candidates (scores are then left as they are)
     */
    public static PlattScaling fit(RankingSeeds val, double[][] probs) {
        List<Double> p = new ArrayList<>();
        List<Boolean> y = new ArrayList<>();
        for (int i = 0; i < val.size(); i++) {
            for (int j = 0; j < val.shown()[i].length; j++) {
                int a = val.shown()[i][j];
                if (a >= 0) {
                    p.add(probs[i][a]);
                    y.add(val.accepted()[i][j]);
                }
            }
        }
        if (!y.contains(true) || !y.contains(false)) {
            return null;
        }
        boolean[] labels = new boolean[y.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = y.get(i);
        }
        return PlattScaling.fitOnProbabilities(p.stream().mapToDouble(Double::doubleValue).toArray(), labels);
    }

    /** Calibrates {@code scores} in place (no-op for a null calibration) and returns them. */
    public static double[][] apply(PlattScaling calibration, double[][] scores) {
        if (calibration != null) {
            for (double[] row : scores) {
                for (int a = 0; a < row.length; a++) {
                    row[a] = calibration.apply(row[a]);
                }
            }
        }
        return scores;
    }
}

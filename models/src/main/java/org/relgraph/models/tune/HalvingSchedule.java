package org.relgraph.models.tune;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.relgraph.gnn.train.ValidationMetric;
import org.relgraph.schema.SchemaException;

/**
 * Successive halving: {@code trials} models train for {@code minEpochs}, the best {@code 1/eta} of them (by the
 * validation metric early stopping watches) train again for {@code eta} times as many epochs, and so on until one
 * is left; that one trains for {@code maxEpochs} with early stopping, as {@code relgraph train} would train it.
 * A rung whose epochs reach {@code maxEpochs} (capped) is the last one, whatever number of models it holds.
 *
 * @param trials    models in the first rung
 * @param eta       the factor between rungs: 1 in eta survives, with eta times the epochs
 * @param minEpochs epochs of the first rung
 * @param maxEpochs epochs of the last rung (and the cap of every rung)
 */
public record HalvingSchedule(int trials, int eta, int minEpochs, int maxEpochs) {
    /**
     * 9 models, a third surviving each rung, 2 epochs in the first, the last with training's default epochs: 9 × 2,
     * 3 × 6, 1 × up to 20 epochs.
     */
    public static final HalvingSchedule DEFAULTS = new HalvingSchedule(9, 3, 2,
            org.relgraph.gnn.model.TrainingLoop.DEFAULTS.epochs());

    public HalvingSchedule {
        atLeast("--trials", trials, 1, "how many models the first rung trains, e.g. --trials 9");
        atLeast("--eta", eta, 2, "1 in eta models survives each rung, e.g. --eta 3");
        atLeast("--min-epochs", minEpochs, 1, "epochs of the first rung, e.g. --min-epochs 2");
        atLeast("--epochs", maxEpochs, 1, "epochs of the last rung (with early stopping), e.g. --epochs 20");
    }

    private static void atLeast(String option, int value, int min, String hint) {
        if (value < min) {
            throw new SchemaException(option + " must be at least " + min + ", got " + value, hint);
        }
    }

    /**
     * One round of halving.
     *
     * @param index  0-based
     * @param trials how many models train in it
     * @param epochs for how many epochs each (early stopping may end one sooner)
     */
    public record Rung(int index, int trials, int epochs) {
    }

    /** The rungs in order: the first has {@link #trials}, the last trains at {@link #maxEpochs} (usually one model). */
    public List<Rung> rungs() {
        List<Rung> rungs = new ArrayList<>();
        int n = trials;
        long epochs = Math.min(minEpochs, maxEpochs);
        // Once the epochs reach the cap, training survivors again would repeat the rung: it is the last one.
        while (n > 1 && epochs < maxEpochs) {
            rungs.add(new Rung(rungs.size(), n, (int) epochs));
            n = Math.max(1, n / eta);
            epochs = Math.min(maxEpochs, epochs * eta);
        }
        rungs.add(new Rung(rungs.size(), n, maxEpochs));
        return List.copyOf(rungs);
    }

    /** How many models of a rung of {@code n} go on to the next: {@code n / eta}, at least one. */
    public int survivorsOf(int n) {
        return Math.max(1, n / eta);
    }

    /**
     * The runs that go on from a finished rung: the best {@link #survivorsOf} by {@code metric}; a run whose metric
     * is undefined ranks last, and equal metrics keep the trial order (so the result is the same every time).
     */
    public List<TrialRun> survivors(List<TrialRun> rung, ValidationMetric metric) {
        return rung.stream().sorted(ranking(metric)).limit(survivorsOf(rung.size())).toList();
    }

    /** Best first: by the metric in its direction, undefined last, then by trial number. */
    static Comparator<TrialRun> ranking(ValidationMetric metric) {
        return (a, b) -> {
            if (metric.isBetter(a.valMetric(), b.valMetric())) {
                return -1;
            }
            if (metric.isBetter(b.valMetric(), a.valMetric())) {
                return 1;
            }
            return Integer.compare(a.trial(), b.trial());
        };
    }
}

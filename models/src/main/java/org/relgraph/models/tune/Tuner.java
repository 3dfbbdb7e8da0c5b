package org.relgraph.models.tune;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.relgraph.gnn.model.GnnConfig;
import org.relgraph.gnn.train.TrainingListener;
import org.relgraph.gnn.train.TrainingProgress;
import org.relgraph.gnn.train.ValidationMetric;
import org.relgraph.models.EntityModel;

/**
 * Runs a budgeted successive-halving search ({@link HalvingSchedule}) over a {@link SearchSpace}: draws the first
 * rung's models at random with the base config's seed, trains each, keeps the best by the validation metric early
 * stopping uses, and trains the survivors again for more epochs. Every trial trains with the same seed, so models
 * differ by their settings, not their luck; a survivor is trained again from scratch, and since every epoch's
 * randomness derives from (seed, epoch), its longer run begins exactly as its shorter one did.
 *
 * <p>The time budget is checked before every run and after every epoch: once it is spent, the run in progress
 * ends at its epoch's end with its best weights so far (it still counts) and no further run starts. The best run
 * of the whole search, by the validation metric, is the result (of a trial's runs that tie, the longest).
 */
public final class Tuner {
    private final SearchSpace space;
    private final HalvingSchedule schedule;
    private final GnnConfig base;
    private final Duration budget;
    private final LongSupplier nanoClock;

    /**
     * @param base      everything not searched (batch size, patience, seed, sampling, input cutoff); its seed draws
     *                  the trials and trains every model
     * @param budget    wall time for the search, or null for none
     * @param nanoClock the clock the budget is measured on ({@code System::nanoTime}; tests pass their own)
     */
    public Tuner(SearchSpace space, HalvingSchedule schedule, GnnConfig base, Duration budget, LongSupplier nanoClock) {
        space.check();
        if (budget != null && (budget.isNegative() || budget.isZero())) {
            throw new IllegalArgumentException("the time budget must be positive, got " + budget);
        }
        this.space = space;
        this.schedule = schedule;
        this.base = base;
        this.budget = budget;
        this.nanoClock = nanoClock;
    }

    /** The models the first rung trains, in trial order: the same for the same space, trial count and seed. */
    public List<GnnConfig> trials() {
        return space.sample(base, schedule.trials(), base.seed());
    }

    /**
     * Runs the search.
     *
     * @param metric  the validation metric of the task ({@link ValidationMetric#forTask})
     * @param trainer trains one model
     */
    public TuningResult run(ValidationMetric metric, TrialTrainer trainer, TuningListener listener)
            throws IOException {
        List<GnnConfig> drawn = trials();
        // A space smaller than --trials is searched whole.
        HalvingSchedule plan = new HalvingSchedule(drawn.size(), schedule.eta(), schedule.minEpochs(),
                schedule.maxEpochs());
        List<HalvingSchedule.Rung> rungs = plan.rungs();
        int plannedRuns = rungs.stream().mapToInt(HalvingSchedule.Rung::trials).sum();
        long start = nanoClock.getAsLong();
        List<TrialRun> runs = new ArrayList<>();
        TrialRun best = null;
        boolean spent = false;
        List<Integer> alive = new ArrayList<>();
        for (int t = 1; t <= drawn.size(); t++) {
            alive.add(t);
        }
        search:
        for (HalvingSchedule.Rung rung : rungs) {
            List<TrialRun> rungRuns = new ArrayList<>();
            for (int trial : alive) {
                if (spent(start)) {
                    spent = true;
                    break search;
                }
                GnnConfig config = drawn.get(trial - 1).withEpochs(rung.epochs());
                TrainingListener progress = listener.runStarting(new TuningListener.RunStart(runs.size() + 1,
                        plannedRuns, trial, rung, rungs.size(), best));
                RunWatch watch = new RunWatch(metric, config, progress, () -> spent(start));
                long t0 = nanoClock.getAsLong();
                TrialRun run;
                try (EntityModel model = trainer.train(config, watch)) {
                    run = new TrialRun(trial, rung.index(), config, rung.epochs(), watch.epochs, watch.bestEpoch,
                            watch.best, (nanoClock.getAsLong() - t0) / 1e9, watch.cut);
                    runs.add(run);
                    rungRuns.add(run);
                    if (best == null || metric.isBetter(run.valMetric(), best.valMetric())
                            || longerRunMatching(run, best, metric)) {
                        best = run;
                        listener.newBest(run, model);
                    }
                }
                listener.runEnded(new TuningResult(metric, plan, runs, best, false));
                if (run.cutByBudget()) {
                    spent = true;
                    break search;
                }
            }
            alive = plan.survivors(rungRuns, metric).stream().map(TrialRun::trial).sorted().toList();
        }
        return new TuningResult(metric, plan, runs, best, spent);
    }

    /**
     * Whether {@code run} is a later, longer run of the best run's trial that is as good: it then holds the same
     * best epoch's weights (same seed, the same epochs first), trained as {@code train} would train it, so it is the
     * one to keep. Between different trials a tie keeps the earlier.
     */
    private static boolean longerRunMatching(TrialRun run, TrialRun best, ValidationMetric metric) {
        return run.trial() == best.trial() && !metric.isBetter(best.valMetric(), run.valMetric());
    }

    private boolean spent(long start) {
        return budget != null && nanoClock.getAsLong() - start >= budget.toNanos();
    }

    /**
     * Follows one run's epochs: its best validation metric by the rule early stopping keeps weights by (an
     * undefined metric replaces the best, as the trainer keeps the latest weights then), and the budget's stop.
     */
    private static final class RunWatch implements TrainingListener {
        private final ValidationMetric metric;
        private final TrainingListener progress;
        private final GnnConfig config;
        private final java.util.function.BooleanSupplier budgetSpent;
        private int sinceBest;
        int epochs;
        int bestEpoch;
        double best = Double.NaN;
        boolean cut;

        RunWatch(ValidationMetric metric, GnnConfig config, TrainingListener progress,
                 java.util.function.BooleanSupplier budgetSpent) {
            this.metric = metric;
            this.config = config;
            this.progress = progress;
            this.budgetSpent = budgetSpent;
        }

        @Override
        public void onBatchEnd(TrainingProgress p) {
            progress.onBatchEnd(p);
        }

        @Override
        public void onEpochEnd(TrainingProgress p) {
            double v = p.valMetric();
            if (epochs == 0 || metric.isBetter(v, best) || Double.isNaN(v)) {
                best = v;
                bestEpoch = p.epoch();
                sinceBest = 0;
            } else {
                sinceBest++;
            }
            epochs = p.epoch();
            progress.onEpochEnd(p);
        }

        @Override
        public boolean stopRequested() {
            if (progress.stopRequested()) {
                return true;
            }
            // Only a run with epochs left is cut: the budget ending after its last epoch, or after the epoch early
            // stopping ends it on, takes nothing from it.
            boolean over = epochs >= config.epochs() || sinceBest >= config.patience();
            if (!over && budgetSpent.getAsBoolean()) {
                cut = true;
                return true;
            }
            return false;
        }
    }
}

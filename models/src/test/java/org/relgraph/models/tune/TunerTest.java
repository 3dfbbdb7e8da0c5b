package org.relgraph.models.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleBiFunction;
import org.junit.jupiter.api.Test;
import org.relgraph.gnn.model.GnnConfig;
import org.relgraph.gnn.nn.ConvKind;
import org.relgraph.gnn.train.TrainingProgress;
import org.relgraph.gnn.train.ValidationMetric;
import org.relgraph.models.EntityModel;

/**
 * The search's schedule and choices with a stand-in trainer whose validation metric is a known function of the
 * settings and epoch, and a clock that advances one second per epoch (no timing).
 */
class TunerTest {
    /** A clock the stand-in trainer moves: one second per epoch trained. */
    private static final class FakeClock {
        long nanos;
    }

    /** Trains nothing: reports {@code metric(config, epoch)} after each epoch and stops when asked, as the trainer. */
    private static TrialTrainer fake(ToDoubleBiFunction<GnnConfig, Integer> metric, ValidationMetric kind,
                                     FakeClock clock, List<GnnConfig> trained) {
        return (config, listener) -> {
            trained.add(config);
            for (int e = 1; e <= config.epochs(); e++) {
                clock.nanos += 1_000_000_000L;
                listener.onEpochEnd(new TrainingProgress(e, config.epochs(), 1, 1, 0.5, 100, kind,
                        metric.applyAsDouble(config, e), Duration.ZERO));
                if (listener.stopRequested()) {
                    break;
                }
            }
            return null;
        };
    }

    /** Higher with width and learning rate, a little higher each epoch: every trial scores differently. */
    private static double score(GnnConfig c, int epoch) {
        return c.hidden() / 1000.0 + c.learningRate() * 10 + c.dropout() / 100 + c.layers() / 10_000.0
                + (c.conv() == ConvKind.GAT ? 0.00003 : 0) + c.aggregation().ordinal() / 100_000.0
                + c.fanouts()[0] / 1e6 + epoch * 1e-3;
    }

    private static Tuner tuner(HalvingSchedule schedule, long seed, Duration budget, FakeClock clock) {
        return new Tuner(SearchSpace.DEFAULTS, schedule, GnnConfig.defaults().withSeed(seed)
                .withEpochs(schedule.maxEpochs()), budget, () -> clock.nanos);
    }

    @Test
    void rungsHalveTheModelsAndMultiplyTheEpochsUntilOneTrainsForTheFullEpochs() {
        assertEquals(List.of(new HalvingSchedule.Rung(0, 9, 2), new HalvingSchedule.Rung(1, 3, 6),
                new HalvingSchedule.Rung(2, 1, 20)), new HalvingSchedule(9, 3, 2, 20).rungs());
        assertEquals(List.of(new HalvingSchedule.Rung(0, 4, 1), new HalvingSchedule.Rung(1, 1, 2)),
                new HalvingSchedule(4, 3, 1, 2).rungs());
        assertEquals(List.of(new HalvingSchedule.Rung(0, 8, 1), new HalvingSchedule.Rung(1, 4, 2),
                new HalvingSchedule.Rung(2, 2, 4), new HalvingSchedule.Rung(3, 1, 10)),
                new HalvingSchedule(8, 2, 1, 10).rungs());
        // Once a rung reaches the full epochs, training its survivors again would repeat it: it is the last rung.
        assertEquals(List.of(new HalvingSchedule.Rung(0, 27, 2), new HalvingSchedule.Rung(1, 9, 5)),
                new HalvingSchedule(27, 3, 2, 5).rungs());
        assertEquals(List.of(new HalvingSchedule.Rung(0, 1, 20)), new HalvingSchedule(1, 3, 2, 20).rungs());
    }

    @Test
    void theBestThirdByValidationSurvivesEachRungInTheMetricsDirection() throws IOException {
        for (ValidationMetric kind : List.of(ValidationMetric.AUROC, ValidationMetric.MAE)) {
            FakeClock clock = new FakeClock();
            List<GnnConfig> trained = new ArrayList<>();
            TuningResult r = tuner(HalvingSchedule.DEFAULTS, 42, null, clock).run(kind,
                    fake(TunerTest::score, kind, clock, trained), TuningListener.NONE);
            assertEquals(13, r.runs().size(), "9 + 3 + 1 runs");
            assertFalse(r.budgetSpent());
            for (int rung = 1; rung <= 2; rung++) {
                int previous = rung - 1;
                List<TrialRun> before = r.runs().stream().filter(x -> x.rung() == previous).toList();
                Comparator<TrialRun> best = Comparator.comparingDouble(TrialRun::valMetric);
                List<Integer> expected = before.stream()
                        .sorted(kind.higherIsBetter() ? best.reversed() : best)
                        .limit(rung == 1 ? 3 : 1).map(TrialRun::trial).sorted().toList();
                int current = rung;
                assertEquals(expected, r.runs().stream().filter(x -> x.rung() == current).map(TrialRun::trial)
                        .toList(), kind + " rung " + rung);
            }
            assertEquals(List.of(2, 6, 20), r.runs().stream().map(TrialRun::epochsPlanned).distinct().toList());
            TrialRun last = r.runs().get(12);
            assertEquals(20, last.epochsRun());
            assertEquals(score(last.config(), kind.higherIsBetter() ? 20 : 1), last.valMetric(), 1e-12,
                    "a run's metric is its best epoch's");
        }
    }

    @Test
    void theBestRunIsTheOneWithTheBestValidationMetricAndItIsTheOneSaved() throws IOException {
        // Metrics fall with epochs here, so an early short run can beat every longer one.
        FakeClock clock = new FakeClock();
        List<TrialRun> saved = new ArrayList<>();
        TuningResult r = tuner(new HalvingSchedule(6, 2, 1, 4), 7, null, clock).run(ValidationMetric.AUROC,
                fake((c, e) -> score(c, 0) - (c.hidden() == 128 ? e * 0.05 : 0), ValidationMetric.AUROC, clock,
                        new ArrayList<>()),
                new TuningListener() {
                    @Override
                    public void newBest(TrialRun run, EntityModel model) {
                        saved.add(run);
                    }
                });
        double top = r.runs().stream().mapToDouble(TrialRun::valMetric).max().orElseThrow();
        int topTrial = r.runs().stream().filter(x -> x.valMetric() == top).findFirst().orElseThrow().trial();
        // Runs of that trial whose best epoch stays the first tie with it: the longest of them is kept.
        TrialRun expected = r.runs().stream().filter(x -> x.trial() == topTrial && x.valMetric() == top)
                .reduce((a, b) -> b).orElseThrow();
        assertEquals(expected, r.best());
        assertTrue(r.best().rung() > 0, "the tie with the trial's longer run is exercised: " + r.runs());
        assertEquals(expected, saved.get(saved.size() - 1), "the last model saved is the best run's");
        for (int i = 1; i < saved.size(); i++) {
            assertTrue(saved.get(i).valMetric() >= saved.get(i - 1).valMetric(), "no save is worse than the one before");
        }
        assertEquals("best", r.status(expected));
        assertEquals(r.runs().size(), r.table().rowCount());
    }

    @Test
    void theSameSeedDrawsAndRunsTheSameSearchAnotherSeedAnother() throws IOException {
        List<List<GnnConfig>> draws = new ArrayList<>();
        List<TuningResult> results = new ArrayList<>();
        for (long seed : new long[] {42, 42, 43}) {
            FakeClock clock = new FakeClock();
            List<GnnConfig> trained = new ArrayList<>();
            results.add(tuner(HalvingSchedule.DEFAULTS, seed, null, clock).run(ValidationMetric.AUROC,
                    fake(TunerTest::score, ValidationMetric.AUROC, clock, trained), TuningListener.NONE));
            draws.add(trained);
        }
        assertEquals(draws.get(0), draws.get(1));
        assertEquals(results.get(0).runs(), results.get(1).runs());
        assertNotEquals(draws.get(0).subList(0, 9), draws.get(2).subList(0, 9));
        assertEquals(9, draws.get(0).subList(0, 9).stream().distinct().count(), "nine distinct models");
        assertTrue(draws.get(0).stream().allMatch(c -> c.seed() == 42), "every trial trains with the seed");
    }

    @Test
    void theBudgetStopsTheRunInProgressAtItsEpochEndAndStartsNoOther() throws IOException {
        FakeClock clock = new FakeClock();
        List<GnnConfig> trained = new ArrayList<>();
        // Two-epoch runs at one second per epoch: runs 1 and 2 take 4 s, run 3 is stopped after its first epoch.
        TuningResult r = tuner(HalvingSchedule.DEFAULTS, 42, Duration.ofSeconds(5), clock).run(ValidationMetric.AUROC,
                fake(TunerTest::score, ValidationMetric.AUROC, clock, trained), TuningListener.NONE);
        assertTrue(r.budgetSpent());
        assertEquals(3, trained.size());
        assertEquals(List.of(2, 2, 1), r.runs().stream().map(TrialRun::epochsRun).toList());
        assertEquals(List.of(false, false, true), r.runs().stream().map(TrialRun::cutByBudget).toList());
        assertTrue(List.of("best", "stopped by budget").contains(r.status(r.runs().get(2))), r.status(r.runs().get(2)));
        TrialRun max = r.runs().stream().max(Comparator.comparingDouble(TrialRun::valMetric)).orElseThrow();
        assertEquals(max, r.best(), "the best so far is kept");

        // A budget that ends exactly with a run's last epoch cuts nothing from it; the next run does not start.
        FakeClock exact = new FakeClock();
        TuningResult r2 = tuner(HalvingSchedule.DEFAULTS, 42, Duration.ofSeconds(4), exact).run(
                ValidationMetric.AUROC, fake(TunerTest::score, ValidationMetric.AUROC, exact, new ArrayList<>()),
                TuningListener.NONE);
        assertEquals(2, r2.runs().size());
        assertTrue(r2.budgetSpent() && r2.runs().stream().noneMatch(TrialRun::cutByBudget));
        assertEquals("unranked", r2.status(r2.runs().stream().filter(x -> !x.equals(r2.best())).findFirst()
                .orElseThrow()), "its rung never finished");
    }
}

package org.relgraph.models.tune;

import java.util.List;
import java.util.Locale;
import org.relgraph.gnn.train.ValidationMetric;
import org.relgraph.models.output.ScoreColumn;
import org.relgraph.models.output.ScoreTable;

/**
 * What a search ran and found: every run in the order it ran, the best by the validation metric, and whether the
 * time budget ended the search before its schedule did.
 *
 * @param schedule    the schedule run (its trial count is the number of models drawn)
 * @param best        the best run, or null when none ran
 * @param budgetSpent whether the time budget stopped the search (the runs are then fewer than planned)
 */
public record TuningResult(ValidationMetric metric, HalvingSchedule schedule, List<TrialRun> runs, TrialRun best,
                           boolean budgetSpent) {
    public TuningResult {
        runs = List.copyOf(runs);
    }

    /** The metric's column name, as the bundle's metrics name it: {@code val_auroc}, {@code val_mae}, ... */
    public String metricName() {
        return "val_" + metric.name().toLowerCase(Locale.ROOT);
    }

    /** Runs the schedule plans: its rungs' trials summed. */
    public int plannedRuns() {
        return schedule.rungs().stream().mapToInt(HalvingSchedule.Rung::trials).sum();
    }

    /**
     * What became of a run: {@code best}; {@code promoted} (it trained again in a later rung); {@code stopped by
     * budget} (the budget ended it before its epochs); {@code unranked} (the budget ended its rung before every
     * model of it trained); otherwise {@code dropped}.
     */
    public String status(TrialRun run) {
        if (run.equals(best)) {
            return "best";
        }
        if (runs.stream().anyMatch(r -> r.trial() == run.trial() && r.rung() > run.rung())) {
            return "promoted";
        }
        if (run.cutByBudget()) {
            return "stopped by budget";
        }
        long inRung = runs.stream().filter(r -> r.rung() == run.rung()).count();
        return inRung < schedule.rungs().get(run.rung()).trials() ? "unranked" : "dropped";
    }

    /**
     * One row per run: trial, rung (1-based), the searched settings, epochs run, best epoch, the validation metric,
     * whole seconds and status. What {@code relgraph tune} prints and writes as CSV.
     */
    public ScoreTable table() {
        ScoreTable.Builder b = ScoreTable.builder()
                .column("trial", ScoreColumn.Kind.INTEGER)
                .column("rung", ScoreColumn.Kind.INTEGER)
                .column("hidden", ScoreColumn.Kind.INTEGER)
                .column("layers", ScoreColumn.Kind.INTEGER)
                .column("fanouts", ScoreColumn.Kind.STRING)
                .column("lr", ScoreColumn.Kind.DOUBLE)
                .column("dropout", ScoreColumn.Kind.DOUBLE)
                .column("conv", ScoreColumn.Kind.STRING)
                .column("epochs", ScoreColumn.Kind.INTEGER)
                .column("best_epoch", ScoreColumn.Kind.INTEGER)
                .column(metricName(), ScoreColumn.Kind.DOUBLE)
                .column("seconds", ScoreColumn.Kind.INTEGER)
                .column("status", ScoreColumn.Kind.STRING);
        for (TrialRun r : runs) {
            b.addRow(r.trial(), r.rung() + 1, r.config().hidden(), r.config().layers(),
                    SearchSpace.fanoutText(r.config()), r.config().learningRate(), r.config().dropout(),
                    SearchSpace.convText(r.config()), r.epochsRun(), r.bestEpoch(),
                    Double.isNaN(r.valMetric()) ? null : r.valMetric(), Math.round(r.seconds()),
                    status(r));
        }
        return b.build();
    }
}
